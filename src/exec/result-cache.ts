// A result cache for Cloud Control reads, as StackQL's --cachettl and Steampipe's cache:
// each ListResources page and GetResource answer is kept for a while per (region, type,
// identifier or list model and page). A write through skyql to a service drops that
// service's entries (a child type may change with its parent: deleting an API deletes its
// integrations). One cache serves one set of AWS settings (endpoint, profile).
import type { CloudControl } from '../providers/aws/cloud-control.js';

/** The reads a table fetch makes. */
export type ResourceReads = Pick<CloudControl, 'listPage' | 'get' | 'requestStatus' | 'listRequests'>;

interface Entry {
  at: number;
  value: Promise<unknown>;
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  /** Answers served from the cache, for --stats. */
  hits = 0;

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached answer for `key`, or `load`'s (a failed load is not kept). */
  through<T>(key: string, load: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found && this.now() - found.at < this.ttlMs) {
      this.hits++;
      return found.value as Promise<T>;
    }
    const value = load();
    const entry = { at: this.now(), value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Drops every entry of a CloudFormation namespace (`AWS::ApiGatewayV2`). */
  invalidate(namespace: string): void {
    const prefix = `${namespace}::`;
    for (const key of this.entries.keys()) if (key.split('|')[1].startsWith(prefix)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** `cc`'s reads, lists and gets answered through `cache`; request status is always fresh. */
export function cachedReads(cc: CloudControl, cache: ResultCache): ResourceReads {
  return {
    listPage: (region, typeName, model, token, signal) =>
      cache.through(`${region}|${typeName}|list|${JSON.stringify(model ?? null)}|${token ?? ''}`, () => cc.listPage(region, typeName, model, token, signal)),
    get: (region, typeName, identifier, signal) => cache.through(`${region}|${typeName}|get|${identifier}`, () => cc.get(region, typeName, identifier, signal)),
    requestStatus: (region, token, signal) => cc.requestStatus(region, token, signal),
    listRequests: (region, filter, signal) => cc.listRequests(region, filter, signal),
  };
}

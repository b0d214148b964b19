// What one build wrote, resource by resource, as it happened: the facts a rollback needs
// to delete exactly what this build created, and the report needs to say what it left.
import type { WriteReportError } from '../errors.js';

/**
 * created: its create succeeded (the resource did not exist before this build).
 * updated: it existed; its update succeeded (an update is not undone).
 * applied: a createorupdate succeeded, and whether the resource existed before is not
 * known (it has no exists query), so it is never taken for one this build created.
 * command: a command resource ran.
 */
export type WriteKind = 'created' | 'updated' | 'applied' | 'command';

export interface UnknownWrite {
  name: string;
  anchor: string;
  error: WriteReportError;
}

export class BuildLedger {
  private readonly writes: { name: string; kind: WriteKind }[] = [];
  readonly unknown: UnknownWrite[] = [];

  wrote(name: string, kind: WriteKind): void {
    this.writes.push({ name, kind });
  }

  /** A write the engine accepted but did not see end (Ctrl-C, a lost answer): it may or may not have happened. */
  unknownWrite(name: string, anchor: string, error: WriteReportError): void {
    this.unknown.push({ name, anchor, error });
  }

  /** Resource names with a write of this kind, in the order written. */
  names(kind: WriteKind): string[] {
    return [...new Set(this.writes.filter((w) => w.kind === kind).map((w) => w.name))];
  }
}

/** The request tokens (or, for a call never answered, client tokens) an engine write report names. */
export function requestTokens(e: WriteReportError): string[] {
  const tokens = [...e.message.matchAll(/accepted as request (\S+)|client token (\S+)/g)].map((m) => m[1] ?? m[2]);
  return [...new Set(tokens)];
}

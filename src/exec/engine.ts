// Runs a script statement by statement: the one entry point the CLI, the shell and the
// Postgres wire server share.
import { defaultCatalog, type Catalog } from '../providers/catalog.js';
import type * as CloudControlModule from '../providers/aws/cloud-control.js';
import type { AwsSettings, CloudControl } from '../providers/aws/cloud-control.js';
import type { ResultSet } from '../contracts/result-set.js';
import { parseScript } from '../sql/parse.js';
import type { Statement } from '../sql/statement.js';
import type { WriteStatement } from '../sql/write-statements.js';
import { runMetadata } from './metadata.js';
import { prepareExec } from './run-exec.js';
import { checkSelect, dryRunSelect, runSelect } from './run-select.js';
import { prepareDelete } from './run-delete.js';
import { prepareInsert } from './run-insert.js';
import { prepareUpdate } from './run-update.js';
import type { ResultCache } from './result-cache.js';
import type { WriteContext } from './write-calls.js';
import type { ScriptPosition } from './write-targets.js';

export const DEFAULT_CONCURRENCY = 10;

export interface EngineOptions {
  catalog?: Catalog;
  aws?: AwsSettings;
  /** API calls in flight at once, across a whole statement. */
  concurrency?: number;
  /** Aborting cancels the running statement's calls. */
  signal?: AbortSignal;
  /** Every write waits for its request to end, as with the AWAIT hint. */
  await?: boolean;
  /** Print the calls each statement would make; make none. */
  dryRun?: boolean;
  /** Let UPDATE and DELETE touch every resource of a type (WHERE names only region). */
  allowUnbounded?: boolean;
  /** Keep Cloud Control read answers (shareable between engines with the same AWS settings). */
  cache?: ResultCache;
}

/**
 * A statement that fails at run time in a script says where it stood: which statements
 * ran before it (a write among them made its changes) and which were not run.
 */
function inScript(e: unknown, index: number, statements: Statement[]): unknown {
  if (!(e instanceof Error)) return e;
  const n = statements.length;
  const range = (from: number, to: number) => (from === to ? `statement ${from}` : `statements ${from}–${to}`);
  const before = index === 0 ? '' : `\n${range(1, index)} ran before it${statements.slice(0, index).some(isWrite) ? ', and its writes were made' : ''}`;
  const after = index + 1 < n ? `\n${range(index + 2, n)} ${index + 2 === n ? 'was' : 'were'} not run` : '';
  e.message = `statement ${index + 1} of ${n} (${statements[index].kind.toUpperCase()}) failed: ${e.message}${before}${after}`;
  return e;
}

function isWrite(s: Statement): s is Statement & WriteStatement {
  return s.kind === 'insert' || s.kind === 'update' || s.kind === 'delete';
}

export interface StatementOutcome {
  statement: Statement;
  result: ResultSet;
}

export class Engine {
  readonly catalog: Catalog;
  private cc?: CloudControl;
  private ccModule?: typeof CloudControlModule;

  constructor(readonly options: EngineOptions = {}) {
    this.catalog = options.catalog ?? defaultCatalog();
  }

  /**
   * Checks the whole script before its first statement runs: every statement parsed,
   * bound and checked (columns, required values, bounds), so a script never stops half
   * done on something that could have been known at the start.
   */
  async *run(script: string, signal?: AbortSignal): AsyncGenerator<StatementOutcome> {
    const statements = parseScript(script);
    const ctx = await this.context(signal);
    const runs: (() => Promise<ResultSet>)[] = [];
    const writes: { index: number; table: WriteStatement['table'] }[] = [];
    for (const [i, statement] of statements.entries()) {
      // A view of the writes so far, not a copy per statement: scripts may hold many.
      const before = writes.length;
      const position = { index: i + 1, count: statements.length, earlierWrites: () => writes.slice(0, before) };
      runs.push(await this.prepare(statement, ctx, position));
      if (isWrite(statement)) writes.push({ index: i + 1, table: statement.table });
    }
    for (const [i, statement] of statements.entries()) {
      let result: ResultSet;
      try {
        result = await runs[i]();
      } catch (e) {
        throw statements.length > 1 ? inScript(e, i, statements) : e;
      }
      yield { statement, result };
    }
  }

  /** One statement on its own: checked, then run. `signal` (or the engine's own) cancels its calls. */
  async runStatement(statement: Statement, signal?: AbortSignal): Promise<ResultSet> {
    const ctx = await this.context(signal);
    return (await this.prepare(statement, ctx, { index: 1, count: 1, earlierWrites: () => [] }))();
  }

  private async context(signal: AbortSignal | undefined): Promise<WriteContext> {
    return {
      catalog: this.catalog,
      cloudControl: () => this.cloudControl(),
      concurrency: this.options.concurrency ?? DEFAULT_CONCURRENCY,
      signal: signal ?? this.options.signal ?? new AbortController().signal,
      await: this.options.await ?? false,
      dryRun: this.options.dryRun ?? false,
      allowUnbounded: this.options.allowUnbounded ?? false,
    };
  }

  private async prepare(statement: Statement, ctx: WriteContext, position: ScriptPosition): Promise<() => Promise<ResultSet>> {
    if (statement.kind === 'show_providers' || statement.kind === 'show_services' || statement.kind === 'show_resources' || statement.kind === 'show_methods' || statement.kind === 'show_insert' || statement.kind === 'describe') {
      const result = runMetadata(statement, this.catalog);
      return () => Promise.resolve(result);
    }
    // The SDK is loaded only when a statement makes API calls: SHOW stays quick.
    this.ccModule ??= await import('../providers/aws/cloud-control.js');
    const cache = this.options.cache;
    switch (statement.kind) {
      case 'select': {
        // /*+ NOCACHE */ reads afresh.
        const sctx = cache && !statement.hints.some((h) => h.name === 'nocache') ? { ...ctx, cache } : ctx;
        checkSelect(statement.query, sctx);
        return () => (ctx.dryRun ? Promise.resolve(dryRunSelect(statement.query, sctx)) : runSelect(statement.query, sctx));
      }
      case 'insert':
      case 'update':
      case 'delete': {
        // A write reads its targets afresh, and its service's cached answers go with it.
        const run = await (statement.kind === 'insert'
          ? prepareInsert(statement, statement.hints, ctx)
          : statement.kind === 'update'
            ? prepareUpdate(statement, statement.hints, ctx, position)
            : prepareDelete(statement, statement.hints, ctx, position));
        if (!cache || ctx.dryRun) return run;
        const namespace = this.catalog.resource(statement.table.provider, statement.table.service, statement.table.resource).cfnType.split('::').slice(0, 2).join('::');
        return () => run().finally(() => cache.invalidate(namespace));
      }
      case 'exec':
        return prepareExec(statement, ctx);
    }
  }

  private cloudControl(): CloudControl {
    this.cc ??= new this.ccModule!.CloudControl(this.options.aws);
    return this.cc;
  }

  /** API calls made so far (zeros before the first call), and answers served from the cache. */
  stats(): { calls: number; attempts: number; retries: number; cached: number } {
    const calls = this.cc ? { ...this.cc.stats } : { calls: 0, attempts: 0, retries: 0 };
    return { ...calls, cached: this.options.cache?.hits ?? 0 };
  }

  close(): void {
    this.cc?.destroy();
  }
}

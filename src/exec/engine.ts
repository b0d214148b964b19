// Runs a script statement by statement: the one entry point the CLI, the shell and the
// Postgres wire server share.
import { defaultCatalog, type Catalog } from '../providers/catalog.js';
import type * as CloudControlModule from '../providers/aws/cloud-control.js';
import type { AwsSettings, CloudControl } from '../providers/aws/cloud-control.js';
import type { ResultSet } from '../output/result-set.js';
import { parseScript } from '../sql/parse.js';
import type { Statement } from '../sql/statement.js';
import { runMetadata } from './metadata.js';
import { runExec } from './run-exec.js';
import { dryRunSelect, runSelect } from './run-select.js';
import { runDelete } from './run-delete.js';
import { runInsert } from './run-insert.js';
import { runUpdate } from './run-update.js';

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

  /** Parses the whole script first, so a syntax error anywhere runs nothing. */
  async *run(script: string, signal?: AbortSignal): AsyncGenerator<StatementOutcome> {
    const statements = parseScript(script);
    for (const statement of statements) {
      yield { statement, result: await this.runStatement(statement, signal) };
    }
  }

  /** `signal` (or the engine's own) cancels this statement's calls. */
  async runStatement(statement: Statement, signal?: AbortSignal): Promise<ResultSet> {
    if (statement.kind === 'show_providers' || statement.kind === 'show_services' || statement.kind === 'show_resources' || statement.kind === 'show_methods' || statement.kind === 'describe') {
      return runMetadata(statement, this.catalog);
    }
    // The SDK is loaded only when a statement makes API calls: SHOW stays quick.
    this.ccModule ??= await import('../providers/aws/cloud-control.js');
    const ctx = {
      catalog: this.catalog,
      cloudControl: () => this.cloudControl(),
      concurrency: this.options.concurrency ?? DEFAULT_CONCURRENCY,
      signal: signal ?? this.options.signal ?? new AbortController().signal,
      await: this.options.await ?? false,
      dryRun: this.options.dryRun ?? false,
      allowUnbounded: this.options.allowUnbounded ?? false,
    };
    switch (statement.kind) {
      case 'select':
        return ctx.dryRun ? dryRunSelect(statement.query, ctx) : runSelect(statement.query, ctx);
      case 'insert':
        return runInsert(statement, statement.hints, ctx);
      case 'update':
        return runUpdate(statement, statement.hints, ctx);
      case 'delete':
        return runDelete(statement, statement.hints, ctx);
      case 'exec':
        return runExec(statement, ctx);
    }
  }

  private cloudControl(): CloudControl {
    this.cc ??= new this.ccModule!.CloudControl(this.options.aws);
    return this.cc;
  }

  /** API calls made so far (zeros before the first call). */
  stats(): { calls: number; attempts: number; retries: number } {
    return this.cc ? { ...this.cc.stats } : { calls: 0, attempts: 0, retries: 0 };
  }

  close(): void {
    this.cc?.destroy();
  }
}

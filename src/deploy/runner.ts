// One run of a stack (build, test or teardown): the manifest, the context, each
// resource's query file, and the checks every flow shares — exists, statecheck and
// exports read through the engine with their retries, writes with theirs.
import { join } from 'node:path';
import { SkyqlError, UsageError, WriteReportError } from '../errors.js';
import { renderSql, renderTemplate } from '../template/render-template.js';
import { realClock, retry, type Clock, type RetryPolicy } from './clock.js';
import { evaluateCondition } from './condition.js';
import { StackContext } from './context.js';
import { anchorWhere, DeployError, inlineQuery, StackError } from './errors.js';
import { loadManifest, type Manifest, type ResourceSpec } from './manifest.js';
import { Progress, type Write } from './progress.js';
import { inlineAnchor, readQueryFile, type Anchor, type AnchorName, type QueryFile } from './query-file.js';
import { countIsOne, existsAnswer, exportValues, type ExistsAnswer } from './answers.js';
import { rowsOf, type QueryRunner, type Row } from './sql-runner.js';
import { BuildLedger } from './build-ledger.js';

export type DeployOperation = 'build' | 'test' | 'teardown';

/** build: what happens when a resource fails. */
export { ON_FAILURE, type OnFailure } from './on-failure.js';
import type { OnFailure } from './on-failure.js';

export interface DeployOptions {
  stackDir: string;
  stackEnv: string;
  /** From --env-file and -e: seen by the manifest's globals. */
  env?: Record<string, string>;
  /** Runs the SQL; not needed (and not used) with dryRun. */
  queries?: QueryRunner;
  /** Render and show every query (stdout); run none. */
  dryRun?: boolean;
  /** Log each query on stderr as it runs. */
  showQueries?: boolean;
  /** build: stop at the first failure (error, the default), undo what this build created (rollback), or go on (ignore). */
  onFailure?: OnFailure;
  clock?: Clock;
  signal?: AbortSignal;
  stderr?: Write;
  stdout?: Write;
}

export interface ResourceOutcome {
  name: string;
  /** created, updated, unchanged, deleted, not found, tested, exported, skipped … */
  action: string;
  seconds: number;
}

export interface DeployResult {
  operation: DeployOperation;
  stack: string;
  env: string;
  resources: ResourceOutcome[];
  /** Every export, by name (last writer wins). */
  exports: Record<string, unknown>;
  seconds: number;
}


const ONCE: RetryPolicy = { attempts: 1, delaySeconds: 0 };
/** stackql-deploy's placeholder for an export a dry run cannot know. */
export const EVALUATED = '<evaluated>';

export class StackRun {
  readonly manifest: Manifest;
  readonly context: StackContext;
  readonly progress: Progress;
  readonly clock: Clock;
  readonly dryRun: boolean;
  /** What this run wrote, for --on-failure rollback and its report. */
  readonly ledger = new BuildLedger();
  private readonly files = new Map<string, QueryFile>();

  constructor(readonly options: DeployOptions) {
    this.manifest = loadManifest(options.stackDir);
    this.dryRun = options.dryRun ?? false;
    this.clock = options.clock ?? realClock;
    this.progress = new Progress(
      options.stderr ?? ((t) => process.stderr.write(t)),
      options.stdout ?? ((t) => process.stdout.write(t)),
      options.showQueries ?? false,
      this.manifest.resources.map((r) => r.name),
    );
    for (const w of this.manifest.warnings) this.progress.warn(w);
    if (!this.dryRun && !options.queries) throw new UsageError('a deploy that is not a dry run needs a query runner');
    this.context = new StackContext(this.manifest, options.stackEnv, options.env ?? {});
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** The resource's query file, read once; for `sql:` resources of type query/command, that SQL. */
  queryFile(res: ResourceSpec): QueryFile {
    let qf = this.files.get(res.name);
    if (!qf) {
      if (res.type === 'script') {
        // A script resource is its manifest's `run:`; it has no query file.
        qf = { file: this.manifest.file, anchors: new Map(), unknown: [] };
      } else if (res.sql && (res.type === 'query' || res.type === 'command')) {
        const name: AnchorName = res.type === 'query' ? 'exports' : 'command';
        qf = { file: this.manifest.file, anchors: new Map([[name, inlineAnchor(name, res.sql.text, this.manifest.file, res.sql.line)]]), unknown: [] };
      } else {
        qf = readQueryFile(join(this.manifest.dir, res.file), res.file);
        for (const name of qf.unknown) this.progress.warn(`${res.file}: anchor '${name}' is not one stackql-deploy knows; it is ignored`);
      }
      this.files.set(res.name, qf);
    }
    return qf;
  }

  anchor(res: ResourceSpec, name: AnchorName): Anchor | undefined {
    return this.queryFile(res).anchors.get(name);
  }

  /** Whether the resource's `if:` holds (no `if:`, it does). */
  condition(res: ResourceSpec, ctx: Record<string, unknown>): boolean {
    if (!res.if) return true;
    const where = `${this.manifest.file} line ${res.if.line}, ${res.field} if`;
    // A condition is text, not SQL: rendered without SQL escaping.
    const text = renderTemplate(res.if.text, ctx, { source: where, missingVariableHint: (n) => this.context.missingHint(n, res) });
    return evaluateCondition(text, where);
  }

  /** The anchor's SQL for this context. Lines above the query are kept blank, so errors name file lines. */
  render(res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>): string {
    if (this.dryRun) {
      // The fields an exists query would return are unknown without reading: shown as placeholders.
      const own = ctx.this as Record<string, unknown>;
      for (const m of anchor.template.matchAll(/\bthis\.(\w+)/g)) if (!(m[1] in own)) own[m[1]] = EVALUATED;
    }
    return renderSql(anchor.template, ctx, {
      source: `${anchor.file} [${anchor.name}]`,
      missingVariableHint: (n) => this.context.missingHint(n, res),
    });
  }

  /** In a dry run, shows the query and returns undefined; otherwise its rendered text. */
  private prepared(res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>, label: string): string | undefined {
    const sql = this.render(res, anchor, ctx);
    if (this.dryRun) {
      this.progress.dryRun(res.name, label, sql.trim());
      return undefined;
    }
    this.progress.query(res.name, label, sql.trim());
    return sql;
  }

  /** Runs a read; its last statement's rows. */
  async read(res: ResourceSpec, anchor: Anchor, sql: string): Promise<Row[]> {
    const results = await this.runSql(res, anchor, sql);
    const last = results.at(-1);
    for (const n of last?.notices ?? []) this.progress.warn(`${res.name} [${anchor.name}]: ${n}`);
    return rowsOf(last);
  }

  private async runSql(res: ResourceSpec, anchor: Anchor, sql: string) {
    try {
      return await this.options.queries!.run(sql, this.signal);
    } catch (e) {
      this.progress.step(res.name, `${anchor.name} failed (${anchorWhere(anchor.file, anchor.name, anchor.line)})`, true);
      throw e;
    }
  }

  /**
   * The exists check (or statecheck standing in for it), tried as `policy` says until it
   * answers `want`. A dry run shows the query and answers `dryRunAnswer`.
   */
  async exists(res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>, policy: RetryPolicy, want = true, label = anchor.name, dryRunAnswer = false): Promise<ExistsAnswer> {
    const sql = this.prepared(res, anchor, ctx, label);
    if (sql === undefined) return { exists: dryRunAnswer };
    const answer = await retry(
      policy,
      this.clock,
      async () => {
        const a = existsAnswer(await this.read(res, anchor, sql), anchor);
        return { ...a, done: a.exists === want };
      },
      (n) => this.progress.step(res.name, `${label}: ${want ? 'not there yet' : 'still there'}, attempt ${n}/${policy.attempts} in ${policy.delaySeconds} s`, true),
      this.signal,
    );
    return { exists: answer.exists, fields: answer.fields };
  }

  /** The statecheck, retried as `policy` says until it passes; what its last try returned. */
  async statecheck(res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>, policy: RetryPolicy): Promise<{ ok: boolean; sql: string; rows: Row[] }> {
    const sql = this.prepared(res, anchor, ctx, 'statecheck');
    if (sql === undefined) return { ok: true, sql: '', rows: [] };
    const last = await retry(
      policy,
      this.clock,
      async () => {
        const rows = await this.read(res, anchor, sql);
        return { done: countIsOne(rows, anchor, 'statecheck'), rows };
      },
      (n) => this.progress.step(res.name, `statecheck not passing yet, attempt ${n}/${policy.attempts} in ${policy.delaySeconds} s`, true),
      this.signal,
    );
    return { ok: last.done, sql, rows: last.rows };
  }

  /** The exports query's rows, retried until it returns one. */
  async exportsRows(res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>, policy: RetryPolicy): Promise<{ rows: Row[]; sql: string } | undefined> {
    const sql = this.prepared(res, anchor, ctx, 'exports');
    if (sql === undefined) return undefined;
    const last = await retry(
      policy,
      this.clock,
      async () => {
        const rows = await this.read(res, anchor, sql);
        if (rows.length > 1) throw new DeployError(`${anchorWhere(anchor.file, 'exports', anchor.line)}: the exports query of '${res.name}' returned ${rows.length} rows; it must return exactly one. Query: ${inlineQuery(sql)}`);
        return { done: rows.length === 1, rows };
      },
      (n) => this.progress.step(res.name, `exports returned no row yet, attempt ${n}/${policy.attempts} in ${policy.delaySeconds} s`, true),
      this.signal,
    );
    return { rows: last.rows, sql };
  }

  /** Sets the resource's exports from the exports query's one row (or placeholders in a dry run). */
  applyExports(res: ResourceSpec, anchor: Anchor, result: { rows: Row[]; sql: string } | undefined): Record<string, unknown> {
    if (result === undefined) {
      const placeholders = Object.fromEntries(res.exports.map((e) => [e.name, EVALUATED]));
      this.context.setExports(res.name, placeholders);
      return placeholders;
    }
    if (result.rows.length === 0) {
      throw new DeployError(
        `${anchorWhere(anchor.file, 'exports', anchor.line)}: the exports query of '${res.name}' returned no row` +
          `${retriesNote(anchor)}; it must return exactly one. Query: ${inlineQuery(result.sql)}`,
      );
    }
    const values = exportValues(res, anchor, result.rows[0]);
    this.context.setExports(res.name, values);
    const shown = Object.entries(values).map(([k, v]) => `${k}=${res.protected.includes(k) ? '****' : String(v)}`);
    this.progress.step(res.name, `exports ${shown.join(', ')}`);
    return values;
  }

  /**
   * A create, update, delete or command, retried on failure as its `retries=` says
   * (stackql-deploy retries writes whose dependencies may not be ready yet). A write whose
   * outcome is unknown, or a statement the engine refuses, is never retried.
   */
  async write(res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>, label: string = anchor.name): Promise<Row | undefined> {
    const sql = this.prepared(res, anchor, ctx, label);
    if (sql === undefined) return undefined;
    const policy = policyOf(anchor);
    let attempt = 1;
    for (;;) {
      try {
        // Its result's first row (a ProgressEvent, or what RETURNING asked for): v2's callback data.
        return rowsOf((await this.runSql(res, anchor, sql)).at(-1))[0];
      } catch (e) {
        const retriable = !(e instanceof WriteReportError && e.outcome === 'unknown') && !(e instanceof SkyqlError && ['usage', 'parse', 'plan', 'internal'].includes(e.stage));
        if (!retriable || attempt >= policy.attempts || this.signal?.aborted) throw e;
        attempt++;
        this.progress.step(res.name, `${label} failed (${(e as Error).message.split('\n')[0]}); attempt ${attempt}/${policy.attempts} in ${policy.delaySeconds} s`, true);
        await this.clock.sleep(policy.delaySeconds * 1000, this.signal);
      }
    }
  }

  /**
   * The manifest's providers must be ones skyql has (stackql-deploy pulls them from its
   * registry at this point; skyql's are built in). `awscc::v26.03.00379` names awscc.
   */
  async checkProviders(): Promise<void> {
    if (this.dryRun || this.manifest.providers.length === 0) return;
    const rows = rowsOf((await this.options.queries!.run('SHOW PROVIDERS', this.signal)).at(-1));
    const have = new Set(rows.map((r) => String(r.name)));
    for (const [i, provider] of this.manifest.providers.entries()) {
      const name = provider.split('::')[0];
      if (!have.has(name)) {
        throw new StackError(
          `${this.manifest.file} line ${this.manifest.providerLines[i]}: providers[${i}] is '${provider}', but skyql has no provider '${name}' (it has ${[...have].join(', ')})`,
        );
      }
    }
  }

  /** Runs each resource, timing it and saying what was done. */
  async each(resources: ResourceSpec[], fn: (res: ResourceSpec) => Promise<string>): Promise<ResourceOutcome[]> {
    const outcomes: ResourceOutcome[] = [];
    for (const res of resources) {
      const started = this.clock.now();
      let action: string;
      try {
        action = await fn(res);
      } catch (e) {
        this.progress.resource(res.name, 'FAILED', (this.clock.now() - started) / 1000);
        throw e;
      }
      const outcome = { name: res.name, action, seconds: (this.clock.now() - started) / 1000 };
      this.progress.resource(res.name, action, outcome.seconds);
      outcomes.push(outcome);
    }
    return outcomes;
  }
}

/** The anchor's retry policy: `retries=` is the number of tries (stackql-deploy's default: 1). */
export function policyOf(anchor: Anchor): RetryPolicy {
  return { attempts: anchor.options.retries ?? 1, delaySeconds: anchor.options.retry_delay ?? 0 };
}

export { ONCE };

function retriesNote(anchor: Anchor): string {
  const p = policyOf(anchor);
  return p.attempts > 1 ? ` after ${p.attempts} tries ${p.delaySeconds} s apart` : '';
}

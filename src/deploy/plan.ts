// skyql deploy plan: what build would do, per resource, decided from live reads and
// making no write, as `terraform plan` does. The checks build runs before a write
// (exists, statecheck, exports) run for real; the write build would make is rendered and,
// through an engine in dry-run mode, shown as the calls it would send (the desired state
// of a create, the patch of an update).
//
// A resource that would be created has no exports yet: they are `(known after build)`,
// and a later resource whose check reads one of them cannot be looked up, so it is
// planned as "create (depends on …)" — it cannot exist while what it names does not.
import { UsageError } from '../errors.js';
import { parseScript } from '../sql/parse.js';
import { describeOwed, namesRead, owedBy } from './dependencies.js';
import { prepareScript } from './script.js';
import { DeployError, StackError } from './errors.js';
import type { ResourceSpec, ResourceType } from './manifest.js';
import type { Anchor } from './query-file.js';
import { exportsAnchorOf, provisionAnchors } from './provision-anchors.js';
import { ONCE, StackRun, type DeployOptions } from './runner.js';
import { rowsOf, type QueryRunner, type Row } from './sql-runner.js';

export const KNOWN_AFTER = '(known after build)';

/** create, update, apply (createorupdate) and run (command) change something; the rest do not. */
export type PlanAction = 'create' | 'update' | 'apply' | 'run' | 'none' | 'read' | 'skip';
export const CHANGES: readonly PlanAction[] = ['create', 'update', 'apply', 'run'];

export interface PlannedCall {
  operation: string;
  region: string;
  typeName: string;
  identifier?: string;
  /** The desired state of a create, the patch of an update. */
  request?: string;
}

export interface PlanStatement {
  /** The anchor: create, update, createorupdate, command. */
  label: string;
  sql: string;
  /** What the engine would send for it (its dry run); absent when it cannot be known yet. */
  calls?: PlannedCall[];
  note?: string;
}

export interface PlanExport {
  name: string;
  value: unknown;
  known: boolean;
  protected: boolean;
}

export interface ResourcePlan {
  name: string;
  type: ResourceType;
  action: PlanAction;
  /** The decision as said: `create (depends on api (api_id))`, `nothing to do (exists, statecheck passes)`. */
  reason: string;
  /** Resources it waits on, whose exports are known after build. */
  dependsOn: string[];
  statements: PlanStatement[];
  exports: PlanExport[];
}

export interface PlanResult {
  stack: string;
  env: string;
  resources: ResourcePlan[];
  counts: Record<PlanAction, number>;
  /** Resources build would write to: with --detailed-exitcode, exit 2 when any. */
  changes: number;
}

export interface PlanOptions extends Omit<DeployOptions, 'dryRun' | 'onFailure'> {
  /** Runs a rendered write in dry-run mode, for the calls it would make (an Engine with dryRun). */
  callsOf?: QueryRunner;
}

export async function runPlan(options: PlanOptions): Promise<PlanResult> {
  if (!options.queries) throw new UsageError('plan reads the stack live and needs a query runner');
  const run = new StackRun({ ...options, dryRun: false, queries: readOnlyRunner(options.queries) });
  await run.checkProviders();
  const planner = new Planner(run, options.callsOf);
  const resources: ResourcePlan[] = [];
  for (const res of run.manifest.resources) resources.push(await planner.plan(res));
  const counts = { create: 0, update: 0, apply: 0, run: 0, none: 0, read: 0, skip: 0 };
  for (const r of resources) counts[r.action]++;
  return {
    stack: run.manifest.name,
    env: options.stackEnv,
    resources,
    counts,
    changes: resources.filter((r) => CHANGES.includes(r.action)).length,
  };
}

const WRITES = new Set(['insert', 'update', 'delete', 'exec']);

/** The plan's own promise kept by construction: a query that would write is refused, never run. */
export function readOnlyRunner(inner: QueryRunner): QueryRunner {
  return {
    async run(sql, signal) {
      for (const s of parseScript(sql)) {
        if (WRITES.has(s.kind)) {
          throw new StackError(`plan makes no write, but this query is ${s.kind === 'insert' ? 'an' : 'a'} ${s.kind.toUpperCase()}: exists, statecheck and exports queries may only read`);
        }
      }
      return inner.run(sql, signal);
    },
  };
}

type Owed = Map<string, string[]>;

class Planner {
  /** Export name → the resource that sets it only once built. */
  private readonly owed = new Map<string, string>();

  constructor(
    private readonly run: StackRun,
    private readonly callsOf: QueryRunner | undefined,
  ) {}

  /** Resources owing names the anchor (or a prop it reads) reads. */
  private waits(res: ResourceSpec, anchor: Anchor | undefined): Owed {
    return anchor ? owedBy(namesRead(res, this.run.context.stackEnv, [anchor.template]), this.owed) : new Map();
  }

  async plan(res: ResourceSpec): Promise<ResourcePlan> {
    const { run } = this;
    const ctx = run.context.forResource(res);
    const plan: ResourcePlan = { name: res.name, type: res.type, action: 'none', reason: '', dependsOn: [], statements: [], exports: [] };
    if (!run.condition(res, ctx)) return { ...plan, action: 'skip', reason: 'skipped (if is false)' };
    switch (res.type) {
      case 'script': {
        // Run on every build; what it exports is known only then.
        const where = `${run.manifest.file} line ${res.runLine ?? res.line}, ${res.field} run`;
        const p = prepareScript(res.run ?? '', ctx, where, (n) => run.context.missingHint(n, res));
        plan.action = 'run';
        plan.reason = 'run script (a script runs on every build)';
        plan.statements.push({ label: 'script', sql: [p.script.trim(), ...Object.entries(p.values).map(([k, v]) => `# ${k}=${JSON.stringify(v)}`)].join('\n') });
        run.context.setExports(res.name, Object.fromEntries(res.exports.map((e) => [e.name, KNOWN_AFTER])));
        for (const e of res.exports) this.owed.set(e.name, res.name);
        plan.exports = res.exports.map((e) => ({ name: e.name, value: KNOWN_AFTER, known: false, protected: res.protected.includes(e.name) }));
        return plan;
      }
      case 'command': {
        const anchor = run.anchor(res, 'command');
        if (!anchor) throw new StackError(`${res.file}: resource '${res.name}' is of type command and needs a command anchor (or sql: in the manifest)`);
        plan.action = 'run';
        plan.reason = 'run (a command runs on every build)';
        plan.statements.push(await this.statement(res, anchor, ctx));
        return plan;
      }
      case 'query':
        plan.action = 'read';
        plan.reason = 'read (query)';
        await this.exports(res, ctx, plan, 'read', undefined, true);
        return plan;
      case 'resource':
      case 'multi':
        await this.provision(res, ctx, plan);
        return plan;
    }
  }

  private async provision(res: ResourceSpec, ctx: Record<string, unknown>, plan: ResourcePlan): Promise<void> {
    const { run } = this;
    const { cou, create, update, exists, statecheck, exportsAnchor } = provisionAnchors(run, res);

    if (cou) {
      const blocked = this.waits(res, exists);
      let present: boolean | undefined;
      if (exists && blocked.size === 0) present = await this.existsNow(res, exists, ctx);
      plan.action = 'apply';
      plan.dependsOn = [...blocked.keys()];
      plan.reason = `apply createorupdate (${
        blocked.size ? `depends on ${describeOwed(blocked)}` : present === undefined ? 'it is applied on every build' : present ? 'it exists' : 'it does not exist yet'
      })`;
      plan.statements.push(await this.statement(res, cou, ctx));
      await this.exports(res, ctx, plan, present ? 'try' : 'unknown');
      return;
    }

    // As build decides (build.ts), each check tried once: exists, or what stands in for it.
    const check = exists ?? statecheck ?? exportsAnchor;
    const blocked = this.waits(res, check);
    if (blocked.size > 0) {
      plan.dependsOn = [...blocked.keys()];
      return this.create(res, create, ctx, plan, `create (depends on ${describeOwed(blocked)})`);
    }
    let present: boolean;
    let correct = false;
    let proxyRows: Row[] | undefined;
    if (exists) {
      present = await this.existsNow(res, exists, ctx);
    } else if (statecheck) {
      present = correct = (await run.statecheck(res, statecheck, ctx, ONCE)).ok;
    } else {
      const r = await run.exportsRows(res, exportsAnchor!, ctx, ONCE);
      present = correct = r !== undefined && r.rows.length === 1;
      if (correct) proxyRows = r!.rows;
    }
    let unsure: Owed | undefined;
    if (present && !correct) {
      const second = statecheck ?? exportsAnchor;
      const waits = this.waits(res, second);
      if (res.skipValidation || !second) correct = true;
      else if (waits.size > 0) unsure = waits;
      else if (statecheck) correct = (await run.statecheck(res, statecheck, ctx, ONCE)).ok;
      else {
        const r = await run.exportsRows(res, exportsAnchor!, ctx, ONCE);
        correct = r !== undefined && r.rows.length === 1;
        if (correct) proxyRows = r!.rows;
      }
    }

    if (!present) return this.create(res, create, ctx, plan, 'create');
    if (!correct) {
      if (!update) {
        throw new DeployError(`${res.file}: resource '${res.name}' exists but is not in the desired state (its statecheck fails), and it has no update anchor to fix it`);
      }
      plan.action = 'update';
      plan.dependsOn = [...(unsure?.keys() ?? [])];
      plan.reason = unsure ? `update, if its statecheck fails (it exists; the statecheck depends on ${describeOwed(unsure)})` : 'update (it exists; its statecheck fails)';
      plan.statements.push(await this.statement(res, update, ctx));
      await this.exports(res, ctx, plan, 'try');
      return;
    }
    plan.action = 'none';
    plan.reason = `nothing to do (${res.skipValidation ? 'it exists; skip_validation' : statecheck ? 'it exists, its statecheck passes' : exportsAnchor ? 'it exists, its exports are found' : 'it exists'})`;
    await this.exports(res, ctx, plan, 'read', proxyRows);
  }

  private async create(res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>, plan: ResourcePlan, reason: string): Promise<void> {
    plan.action = 'create';
    plan.reason = reason;
    plan.statements.push(await this.statement(res, anchor, ctx));
    await this.exports(res, ctx, plan, 'unknown');
  }

  private async existsNow(res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>): Promise<boolean> {
    const a = await this.run.exists(res, anchor, ctx, ONCE);
    if (a.fields) this.run.context.setFields(res.name, a.fields);
    return a.exists;
  }

  /**
   * The resource's exports into the context: `unknown` (it would be created), `read` (it
   * exists: the query must return its row, as build's would), `try` (it exists but will
   * change: its row now, else unknown).
   */
  private async exports(res: ResourceSpec, ctx: Record<string, unknown>, plan: ResourcePlan, how: 'unknown' | 'read' | 'try', rows?: Row[], required = false): Promise<void> {
    const { run } = this;
    const anchor = exportsAnchorOf(run, res, required);
    if (!anchor) return;
    const blocked = this.waits(res, anchor);
    let known = false;
    if (how !== 'unknown' && blocked.size === 0) {
      const result = rows && rows.length === 1 ? { rows, sql: '' } : await run.exportsRows(res, anchor, ctx, ONCE);
      if (result && (how === 'read' || result.rows.length === 1)) {
        run.applyExports(res, anchor, result);
        known = true;
      }
    }
    if (blocked.size > 0 && plan.dependsOn.length === 0) plan.dependsOn = [...blocked.keys()];
    if (blocked.size > 0 && plan.action === 'read') plan.reason = `read (query; it depends on ${describeOwed(blocked)})`;
    if (known) {
      for (const e of res.exports) this.owed.delete(e.name);
    } else {
      run.context.setExports(res.name, Object.fromEntries(res.exports.map((e) => [e.name, KNOWN_AFTER])));
      for (const e of res.exports) this.owed.set(e.name, res.name);
    }
    const own = run.context.ownValues(res.name);
    const all = run.context.allExports();
    plan.exports = res.exports.map((e) => {
      const value = known ? (all[e.name] ?? own[e.name]) : KNOWN_AFTER;
      return { name: e.name, value, known, protected: res.protected.includes(e.name) };
    });
  }

  /** The write rendered, and the calls the engine's dry run says it would make. */
  private async statement(res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>): Promise<PlanStatement> {
    const { run } = this;
    const waits = this.waits(res, anchor);
    // this.* the exists query did not give (the resource is not there yet).
    const own = (ctx.this ?? {}) as Record<string, unknown>;
    const fill: Record<string, unknown> = {};
    for (const m of anchor.template.matchAll(/\bthis\.(\w+)/g)) if (!(m[1] in own)) fill[m[1]] = KNOWN_AFTER;
    let sql: string;
    try {
      sql = run.render(res, anchor, { ...ctx, this: { ...fill, ...own } }).trim();
    } catch (e) {
      // A value known after build where only a number or a word may stand cannot be rendered yet.
      if (waits.size === 0) throw e;
      return { label: anchor.name, sql: anchor.template.trim(), note: `shown as written: it needs ${describeOwed(waits)}, known after build` };
    }
    run.progress.query(res.name, `${anchor.name}, not run (plan)`, sql);
    const out: PlanStatement = { label: anchor.name, sql: sql.endsWith(';') ? sql : `${sql};` };
    if (!this.callsOf) return out;
    try {
      const results = await this.callsOf.run(sql, run.signal);
      out.calls = results.flatMap((rs) => rowsOf(rs)).filter((r) => typeof r.operation === 'string').map(plannedCall);
    } catch (e) {
      if (waits.size === 0 && !sql.includes(KNOWN_AFTER)) {
        run.progress.step(res.name, `${anchor.name} is refused by the engine (${anchor.file} line ${anchor.line})`, true);
        throw e;
      }
      out.note = `its calls are known after build: it needs ${describeOwed(waits) || 'values known after build'}`;
    }
    return out;
  }
}

function plannedCall(r: Row): PlannedCall {
  const text = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  return { operation: String(r.operation), region: String(r.region), typeName: String(r.type_name), identifier: text(r.identifier), request: text(r.request) };
}

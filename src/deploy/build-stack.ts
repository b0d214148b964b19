// build over the whole stack, with --on-failure:
//   error (default)  stop at the first failing resource; nothing is undone.
//   rollback         stop there, then delete what THIS build created (its creates that
//                    succeeded), in reverse order, each confirmed gone. Resources that
//                    existed before the build are never deleted: updated ones stay updated.
//                    A write whose outcome is unknown is not deleted blind: it is named,
//                    with its request token.
//   ignore           go on with the next resources; one that needs an export of a failed
//                    resource fails at once, saying which.
// Either way the build ends non-zero with one report (BuildFailedError).
import { buildResource } from './build.js';
import { requestTokens } from './build-ledger.js';
import { describeOwed, namesRead, owedBy } from './dependencies.js';
import { BuildFailedError, DeployError } from './errors.js';
import type { ResourceSpec } from './manifest.js';
import type { OnFailure, ResourceOutcome, StackRun } from './runner.js';
import { collectExports, deleteResource } from './teardown.js';

export interface BuildFailureReport {
  mode: Exclude<OnFailure, 'error'>;
  failed: { name: string; message: string }[];
  /** Resources built (ignore: all that succeeded; rollback: those before the failure). */
  built: ResourceOutcome[];
  /** rollback: created by this build, then deleted (or found gone). */
  rolledBack: { name: string; action: string }[];
  rollbackFailed: { name: string; message: string }[];
  /** Updated by this build: they existed before it, and an update is not undone. */
  leftUpdated: string[];
  /** Writes the engine accepted but did not see end: never rolled back blind. */
  unknown: { name: string; anchor: string; tokens: string[]; check?: string }[];
  /** Written by this build but not rolled back, and why. */
  notRolledBack: { name: string; why: string }[];
  /** rollback: resources after the failure, never reached. */
  notBuilt: string[];
}

export interface StackBuild {
  outcomes: ResourceOutcome[];
  /** Set when a resource failed under rollback or ignore: thrown once the build's summary is said. */
  failure?: BuildFailedError<BuildFailureReport>;
}

export async function buildStack(run: StackRun, mode: OnFailure): Promise<StackBuild> {
  const resources = run.manifest.resources;
  if (mode === 'error' || run.dryRun) return { outcomes: await run.each(resources, (res) => buildResource(run, res)) };

  const outcomes: ResourceOutcome[] = [];
  const failed: BuildFailureReport['failed'] = [];
  // ignore: export name → the failed resource that owed it.
  const owed = new Map<string, string>();
  for (const [i, res] of resources.entries()) {
    const started = run.clock.now();
    const seconds = () => (run.clock.now() - started) / 1000;
    try {
      if (owed.size > 0) refuseIfOwed(run, res, owed);
      const action = await buildResource(run, res);
      for (const e of res.exports) owed.delete(e.name);
      outcomes.push({ name: res.name, action, seconds: seconds() });
      run.progress.resource(res.name, action, seconds());
    } catch (e) {
      run.progress.resource(res.name, 'FAILED', seconds());
      failed.push({ name: res.name, message: (e as Error).message });
      outcomes.push({ name: res.name, action: 'FAILED', seconds: seconds() });
      if (mode === 'rollback') {
        const notBuilt = resources.slice(i + 1).map((r) => r.name);
        return { outcomes, failure: await rollBack(run, outcomes.slice(0, -1), failed, notBuilt) };
      }
      // Exports are a resource's last step: one that failed set none of them.
      for (const x of res.exports) owed.set(x.name, res.name);
    }
  }
  if (failed.length === 0) return { outcomes };
  const report: BuildFailureReport = {
    mode,
    failed,
    built: outcomes.filter((o) => o.action !== 'FAILED'),
    rolledBack: [],
    rollbackFailed: [],
    leftUpdated: [],
    unknown: unknownWrites(run),
    notRolledBack: [],
    notBuilt: [],
  };
  return { outcomes, failure: failure(run, report) };
}

/** A resource that reads an export a failed resource never set fails before any query. */
function refuseIfOwed(run: StackRun, res: ResourceSpec, owed: Map<string, string>): void {
  const templates = [...run.queryFile(res).anchors.values()].map((a) => a.template);
  if (res.if) templates.push(res.if.text);
  const from = owedBy(namesRead(res, run.context.stackEnv, templates), owed);
  if (from.size === 0) return;
  throw new DeployError(`'${res.name}' needs ${describeOwed(from)}: ${from.size === 1 ? 'that resource' : 'those resources'} failed, so it is not built`);
}

async function rollBack(run: StackRun, built: ResourceOutcome[], failed: BuildFailureReport['failed'], notBuilt: string[]): Promise<BuildFailedError<BuildFailureReport>> {
  const { ledger } = run;
  const unknown = new Set(ledger.unknown.map((u) => u.name));
  const report: BuildFailureReport = {
    mode: 'rollback',
    failed,
    built,
    rolledBack: [],
    rollbackFailed: [],
    leftUpdated: ledger.names('updated'),
    unknown: unknownWrites(run),
    notRolledBack: [
      ...ledger.names('applied').map((name) => ({ name, why: 'applied by createorupdate, and with no exists query it cannot be told whether it existed before this build' })),
      ...ledger.names('command').map((name) => ({ name, why: 'a command that ran; commands are not undone' })),
    ],
    notBuilt,
  };
  // What a write of unknown outcome reads from is kept too: deleting it could take the
  // unknown resource with it (an API's integrations go with the API), or fail for it.
  const heldFor = dependedOnBy(run, [...unknown]);
  const created = ledger.names('created').filter((n) => !unknown.has(n));
  for (const name of created.filter((n) => heldFor.has(n))) {
    report.notRolledBack.push({ name, why: `created by this build, kept because ${heldFor.get(name)} (outcome unknown) depends on it` });
  }
  const targets = created.filter((n) => !heldFor.has(n)).reverse();
  if (run.signal?.aborted) {
    report.notRolledBack.push(...targets.map((name) => ({ name, why: 'created by this build; interrupted, so not rolled back (teardown deletes it)' })));
    return failure(run, report);
  }
  if (targets.length > 0) run.progress.line(`rollback: deleting what this build created, in reverse order: ${targets.join(', ')}`);
  for (const name of targets) {
    const res = run.manifest.resources.find((r) => r.name === name)!;
    const started = run.clock.now();
    const seconds = () => (run.clock.now() - started) / 1000;
    try {
      // A resource that failed after its create never exported: look its exports up, as teardown does.
      const own = run.context.ownValues(res.name);
      if (res.exports.some((e) => !(e.name in own))) await collectExports(run, res);
      const action = await deleteResource(run, res, true);
      if (action === 'deleted' || action.startsWith('not found')) report.rolledBack.push({ name, action });
      else report.notRolledBack.push({ name, why: `created by this build: ${action}` });
      run.progress.resource(name, `rolled back (${action})`, seconds());
    } catch (e) {
      report.rollbackFailed.push({ name, message: (e as Error).message });
      run.progress.resource(name, 'ROLLBACK FAILED', seconds());
    }
  }
  return failure(run, report);
}

/** Resource → the unknown-outcome resource that reads its exports (directly or through others). */
function dependedOnBy(run: StackRun, names: string[]): Map<string, string> {
  const resources = run.manifest.resources;
  const held = new Map<string, string>();
  const visit = (name: string, because: string) => {
    const at = resources.findIndex((r) => r.name === name);
    const res = resources[at];
    // Exports of the resources before it, the last writer of a name winning, as in build.
    const owners = new Map<string, string>();
    for (const r of resources.slice(0, at)) for (const e of r.exports) owners.set(e.name, r.name);
    let templates: string[];
    try {
      templates = [...run.queryFile(res).anchors.values()].map((a) => a.template);
    } catch {
      return;
    }
    for (const dep of owedBy(namesRead(res, run.context.stackEnv, templates), owners).keys()) {
      if (held.has(dep)) continue;
      held.set(dep, because);
      visit(dep, because);
    }
  };
  for (const name of names) visit(name, name);
  return held;
}

function unknownWrites(run: StackRun): BuildFailureReport['unknown'] {
  return run.ledger.unknown.map((u) => ({
    name: u.name,
    anchor: u.anchor,
    tokens: requestTokens(u.error),
    check: /SELECT [^\n]*resource_requests[^\n]*/.exec(u.error.message)?.[0],
  }));
}

function failure(run: StackRun, r: BuildFailureReport): BuildFailedError<BuildFailureReport> {
  return new BuildFailedError(failureMessage(run, r), r.unknown.length > 0 ? 'unknown' : 'failed', r);
}

const indent = (text: string) => text.replace(/\n/g, '\n    ');

export function failureMessage(run: StackRun, r: BuildFailureReport): string {
  const head = `build of ${run.manifest.name} (${run.context.stackEnv})`;
  const lines: string[] = [];
  if (r.mode === 'rollback') {
    lines.push(`${head} failed at '${r.failed[0].name}' (--on-failure rollback):`);
  } else {
    const n = run.manifest.resources.length;
    lines.push(`${head}: ${r.failed.length} of ${n} resource${n === 1 ? '' : 's'} failed (--on-failure ignore); the others were built:`);
  }
  for (const f of r.failed) lines.push(`  failed: ${f.name}: ${indent(f.message)}`);
  if (r.mode === 'ignore' && r.built.length > 0) lines.push(`  built: ${r.built.map((o) => `${o.name} (${o.action})`).join(', ')}`);
  if (r.mode === 'rollback') {
    const created = r.rolledBack.map((x) => (x.action === 'deleted' ? x.name : `${x.name} (${x.action})`));
    lines.push(`  created by this build and rolled back (deleted, confirmed gone): ${created.join(', ') || 'none'}`);
    if (r.leftUpdated.length > 0) lines.push(`  left as updated (they existed before this build; an update is not undone): ${r.leftUpdated.join(', ')}`);
  }
  for (const u of r.unknown) {
    lines.push(
      `  outcome UNKNOWN, not rolled back: ${u.name} [${u.anchor}]${u.tokens.length ? ` (request ${u.tokens.join(', ')})` : ''}: ` +
        `the cloud may or may not have made it; it is left as it is` +
        (u.check ? `. Check it with: ${u.check}` : ''),
    );
  }
  for (const x of r.notRolledBack) lines.push(`  not rolled back: ${x.name}: ${x.why}`);
  for (const f of r.rollbackFailed) lines.push(`  ROLLBACK FAILED: ${f.name} (created by this build, may still exist): ${indent(f.message)}`);
  if (r.notBuilt.length > 0) lines.push(`  not built: ${r.notBuilt.join(', ')}`);
  return lines.join('\n');
}

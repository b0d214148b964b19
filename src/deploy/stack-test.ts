// test: every resource is checked against its desired state, nothing is written.
// A resource passes when its statecheck returns count 1 (tried as its retries allow) or,
// without a statecheck, when its exports query returns a row; its exports then feed the
// resources after it, as in build.
import { DeployError, inlineQuery, StackError, anchorWhere } from './errors.js';
import { exportsOf } from './build.js';
import { buildScript } from './script.js';
import type { ResourceSpec } from './manifest.js';
import { ONCE, policyOf, type StackRun } from './runner.js';
import type { Row } from './sql-runner.js';

export async function testResource(run: StackRun, res: ResourceSpec): Promise<string> {
  if (res.type === 'command' || (res.type === 'script' && res.exports.length === 0)) return `not tested (type ${res.type})`;
  const ctx = run.context.forResource(res);
  if (!run.condition(res, ctx)) return 'skipped (if is false)';
  // A script that exports is run again for them (as teardown does; stackql-deploy runs
  // scripts in build only, leaving later resources without the names they read).
  if (res.type === 'script') return buildScript(run, res, ctx);
  if (res.type === 'query') {
    await exportsOf(run, res, ctx, undefined, true);
    return 'exported';
  }
  const statecheck = run.anchor(res, 'statecheck');
  const exportsAnchor = run.anchor(res, 'exports');
  const found = await captureFields(run, res, ctx, statecheck?.template ?? exportsAnchor?.template);
  if (found === false) throw new DeployError(`${res.file}: test failed: '${res.name}' does not exist (its exists query finds nothing)`);
  let rows: Row[] | undefined;
  let passed: string;
  if (res.skipValidation) {
    passed = 'not checked (skip_validation)';
  } else if (statecheck) {
    const r = await run.statecheck(res, statecheck, ctx, policyOf(statecheck));
    if (!r.ok) {
      const p = policyOf(statecheck);
      throw new DeployError(
        `${anchorWhere(statecheck.file, 'statecheck', statecheck.line)}: test failed: '${res.name}' is not in the desired state ` +
          `(${p.attempts} ${p.attempts === 1 ? 'check' : `checks ${p.delaySeconds} s apart`}); the statecheck returned ${JSON.stringify(r.rows)}. Query: ${inlineQuery(r.sql)}`,
      );
    }
    passed = 'passed (statecheck)';
  } else if (exportsAnchor) {
    const r = await run.exportsRows(res, exportsAnchor, ctx, policyOf(exportsAnchor));
    if (r !== undefined && r.rows.length !== 1) {
      throw new DeployError(`${anchorWhere(exportsAnchor.file, 'exports', exportsAnchor.line)}: test failed: the exports query of '${res.name}' (standing in for a statecheck) returns no row. Query: ${inlineQuery(r.sql)}`);
    }
    rows = r?.rows;
    passed = 'passed (exports found)';
  } else {
    throw new StackError(`${res.file}: resource '${res.name}' has no statecheck or exports anchor, so test cannot check it`);
  }
  await exportsOf(run, res, ctx, rows, false);
  return run.dryRun ? 'shown (dry run)' : passed;
}

/**
 * v2: when a query names this.*, the exists query runs first to find those fields.
 * Whether it found the resource; undefined when it did not need to look.
 */
export async function captureFields(run: StackRun, res: ResourceSpec, ctx: Record<string, unknown>, template: string | undefined): Promise<boolean | undefined> {
  const exists = run.anchor(res, 'exists');
  if (!exists || !template || !/\bthis\./.test(template)) return undefined;
  const a = await run.exists(res, exists, ctx, ONCE, true, exists.name, true);
  if (a.fields) run.context.setFields(res.name, a.fields);
  return a.exists;
}

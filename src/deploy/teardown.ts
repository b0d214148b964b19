// teardown: first every resource's exports are collected in manifest order, so the
// identifiers later delete queries need are known; then resources are deleted in reverse
// order, each only if its exists query finds it, and each confirmed gone by the exists
// query again, tried `postdelete_retries` times (default 10) `postdelete_retry_delay`
// seconds apart (default 5), as stackql-deploy v1 does. A delete's own `retries=` repeat
// the DELETE when it fails (v2 instead repeats delete-then-check).
import { anchorWhere, DeployError } from './errors.js';
import type { ResourceSpec } from './manifest.js';
import { ONCE, type StackRun } from './runner.js';
import { captureFields } from './stack-test.js';
import { afterWrite } from './callbacks.js';
import { buildScript } from './script.js';
import type { Row } from './sql-runner.js';

/** v2's placeholder for an export of a resource that is not there (any more). */
export const UNKNOWN = '<unknown>';

export async function collectExports(run: StackRun, res: ResourceSpec): Promise<string> {
  if (res.type === 'command' || res.exports.length === 0) return 'nothing to collect';
  if (res.type === 'script') {
    // stackql-deploy runs scripts in build only, which leaves the names they export unknown
    // to teardown; skyql runs a script that exports again (build runs it every time, so it
    // must be repeatable), so later resources can be found and deleted.
    const ctx = run.context.forResource(res);
    if (!run.condition(res, ctx)) return 'skipped (if is false)';
    return buildScript(run, res, ctx);
  }
  const ctx = run.context.forResource(res);
  if (!run.condition(res, ctx)) return 'skipped (if is false)';
  const anchor = run.anchor(res, 'exports');
  if (!anchor) return 'no exports anchor';
  const found = await captureFields(run, res, ctx, anchor.template);
  // Once, without retries: the resource may be gone already, and that is no error here.
  const r = found === false ? { rows: [], sql: '' } : await run.exportsRows(res, anchor, ctx, ONCE);
  if (r !== undefined && r.rows.length === 0) {
    // Names no earlier resource set get a placeholder, so later queries still render
    // (and find nothing); values earlier resources exported are kept.
    run.context.setExports(res.name, Object.fromEntries(res.exports.map((e) => [e.name, UNKNOWN])), true);
    return 'not found (no exports)';
  }
  run.applyExports(res, anchor, r);
  return r === undefined ? 'shown (dry run)' : 'exports collected';
}

/**
 * `ownExports` (rollback): the resource's own exports win over a later resource's export
 * of the same name, so its delete names it and nothing else.
 */
export async function deleteResource(run: StackRun, res: ResourceSpec, ownExports = false): Promise<string> {
  if (res.type !== 'resource' && res.type !== 'multi') return `not deleted (type ${res.type})`;
  const ctx = run.context.forResource(res);
  if (!run.condition(res, ctx)) return 'skipped (if is false)';
  if (ownExports) {
    const own = run.context.ownValues(res.name);
    for (const e of res.exports) {
      if (!(e.name in own)) continue;
      ctx[e.name] = own[e.name];
      if (res.exportsMapped && !res.props.some((p) => p.name === e.column)) ctx[e.column] = own[e.name];
    }
  }
  // A {column: name} export is also known by its column name here, as delete queries
  // may use either (stackql-deploy's reverse export map).
  if (res.exportsMapped) {
    for (const e of res.exports) if (e.name in ctx && !(e.column in ctx)) ctx[e.column] = ctx[e.name];
  }
  const exists = run.anchor(res, 'exists') ?? run.anchor(res, 'statecheck');
  const del = run.anchor(res, 'delete');
  if (!del) return 'no delete anchor, left as is';
  if (!exists) {
    throw new DeployError(`${res.file}: resource '${res.name}' has a delete anchor but no exists or statecheck anchor, so teardown cannot tell whether it exists or is gone`);
  }
  if (res.type === 'resource') {
    const a = await run.exists(res, exists, ctx, ONCE, true, exists.name, true);
    if (!a.exists) return 'not found, nothing to delete';
    if (a.fields) run.context.setFields(res.name, a.fields);
  }
  let deleted = true;
  let row: Row | undefined;
  try {
    row = await run.write(res, del, ctx);
  } catch (e) {
    if (res.type !== 'multi') throw e;
    deleted = false;
    run.progress.warn(`${res.name} (type multi): delete failed, going on: ${(e as Error).message.split('\n')[0]}`);
  }
  // v2: the delete's result, return_vals.delete, then callback:delete (or a bare callback).
  if (deleted) await afterWrite(run, res, 'delete', ctx, row);
  if (run.dryRun) return 'shown (dry run)';
  // v1 reads these from the exists anchor; they are taken from the delete anchor too.
  const wait = {
    attempts: exists.options.postdelete_retries ?? del.options.postdelete_retries ?? 10,
    delaySeconds: exists.options.postdelete_retry_delay ?? del.options.postdelete_retry_delay ?? 5,
  };
  const gone = !(await run.exists(res, exists, ctx, wait, false, `${exists.name} after delete`)).exists;
  if (!gone) {
    throw new DeployError(
      `${anchorWhere(exists.file, exists.name, exists.line)}: '${res.name}' still exists after its delete ` +
        `(${wait.attempts} checks ${wait.delaySeconds} s apart; postdelete_retries and postdelete_retry_delay on the ${exists.name} or delete anchor set them)`,
    );
  }
  return 'deleted';
}

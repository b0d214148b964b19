// build: each resource in manifest order is made to match its query file.
//   exists? ──no──► create ──► exists again (statecheck's retries) ──► statecheck (retries) ──► exports
//      └─yes──► statecheck ──fails──► update ──► exists again ──► statecheck (retries) ──► exports
//                   └─passes──► exports (nothing written)
// `createorupdate` is applied every time instead. Without a statecheck the exports query
// stands in for it (a row means the desired state), and without exists the statecheck or
// the exports query does (stackql-deploy v2's flows). Checks before a write are tried
// once; the retries of an anchor are for waiting after one.
import { WriteReportError } from '../errors.js';
import { anchorWhere, DeployError, inlineQuery, StackError } from './errors.js';
import type { Anchor } from './query-file.js';
import type { ResourceSpec } from './manifest.js';
import { exportsAnchorOf, provisionAnchors } from './provision-anchors.js';
import { ONCE, policyOf, type StackRun } from './runner.js';
import type { Row } from './sql-runner.js';
import { afterWrite, type WriteOp } from './callbacks.js';
import type { WriteKind } from './build-ledger.js';
import { buildScript } from './script.js';

export async function buildResource(run: StackRun, res: ResourceSpec): Promise<string> {
  const ctx = run.context.forResource(res);
  if (!run.condition(res, ctx)) return 'skipped (if is false)';
  switch (res.type) {
    case 'script':
      return buildScript(run, res, ctx);
    case 'command': {
      const anchor = run.anchor(res, 'command');
      if (!anchor) throw new StackError(`${res.file}: resource '${res.name}' is of type command and needs a command anchor (or sql: in the manifest)`);
      await write(run, res, anchor, ctx, false, undefined, 'command');
      return run.dryRun ? 'command shown' : 'command run';
    }
    case 'query':
      await exportsOf(run, res, ctx, undefined, true);
      return 'exported';
    case 'resource':
    case 'multi':
      return provision(run, res, ctx);
  }
}

async function provision(run: StackRun, res: ResourceSpec, ctx: Record<string, unknown>): Promise<string> {
  const { cou, create, update, exists, statecheck, exportsAnchor } = provisionAnchors(run, res);

  let present = false;
  let correct = false;
  let proxyRow: Row[] | undefined;
  if (!cou) {
    if (exists) {
      const a = await run.exists(res, exists, ctx, ONCE);
      present = a.exists;
      if (a.fields) run.context.setFields(res.name, a.fields);
    } else if (statecheck) {
      present = correct = (await run.statecheck(res, statecheck, ctx, ONCE)).ok && !run.dryRun;
    } else if (exportsAnchor) {
      const r = await run.exportsRows(res, exportsAnchor, ctx, ONCE);
      present = correct = r !== undefined && r.rows.length === 1;
      if (correct) proxyRow = r!.rows;
    }
    if (present && !correct) {
      if (res.skipValidation) correct = true;
      else if (statecheck) correct = (await run.statecheck(res, statecheck, ctx, ONCE)).ok;
      else if (exportsAnchor) {
        const r = await run.exportsRows(res, exportsAnchor, ctx, ONCE);
        correct = r !== undefined && r.rows.length === 1;
        if (correct) proxyRow = r!.rows;
      } else correct = true;
    }
  }

  let action: string;
  const ignoreErrors = res.type === 'multi';
  if (cou) {
    // A rollback deletes only what this build created: whether the resource was there
    // before its createorupdate is looked up first (it cannot be told without exists).
    let before: boolean | undefined;
    if (run.options.onFailure === 'rollback' && exists && !run.dryRun) {
      const a = await run.exists(res, exists, ctx, ONCE);
      before = a.exists;
      if (a.fields) run.context.setFields(res.name, a.fields);
    }
    // Its callback: callback:create or callback:update when exists told which, else a bare callback.
    const op: WriteOp | undefined = before === undefined ? undefined : before ? 'update' : 'create';
    await write(run, res, cou, ctx, ignoreErrors, op ?? 'update', before === undefined ? 'applied' : before ? 'updated' : 'created', op === undefined);
    action = 'applied (createorupdate)';
  } else if (!present) {
    await write(run, res, create, ctx, ignoreErrors, 'create', 'created');
    action = 'created';
  } else if (!correct) {
    if (!update) {
      throw new DeployError(`${res.file}: resource '${res.name}' exists but is not in the desired state (its statecheck fails), and it has no update anchor to fix it`);
    }
    await write(run, res, update, ctx, ignoreErrors, 'update', 'updated');
    action = 'updated';
  } else {
    await exportsOf(run, res, ctx, proxyRow, false);
    return 'exists, in desired state';
  }
  if (run.dryRun) {
    // A dry run cannot know whether the resource exists: it shows the create, then the
    // update that would run instead if it does, the checks that follow, and the exports.
    if (update && update !== create) await run.write(res, update, ctx, 'update, if it exists and its statecheck fails');
    if (statecheck) await run.statecheck(res, statecheck, ctx, ONCE);
    await exportsOf(run, res, ctx, undefined, false);
    return 'shown (dry run)';
  }

  // After the write: the resource must be found (waiting as the statecheck's retries
  // allow), then reach its desired state.
  if (exists) {
    const wait = statecheck ? policyOf(statecheck) : policyOf(exists);
    const a = await run.exists(res, exists, ctx, wait, true, 'exists after write');
    if (!a.exists) {
      throw new DeployError(`${anchorWhere(exists.file, 'exists', exists.line)}: '${res.name}' is not found after it was ${action}${wait.attempts > 1 ? ` (${wait.attempts} checks ${wait.delaySeconds} s apart)` : ''}`);
    }
    if (a.fields) run.context.setFields(res.name, a.fields);
  }
  let checked = '';
  if (statecheck) {
    const r = await run.statecheck(res, statecheck, ctx, policyOf(statecheck));
    if (!r.ok) {
      const p = policyOf(statecheck);
      throw new DeployError(
        `${anchorWhere(statecheck.file, 'statecheck', statecheck.line)}: '${res.name}' is still not in the desired state after it was ${action} ` +
          `(${p.attempts} ${p.attempts === 1 ? 'check' : `checks ${p.delaySeconds} s apart`}); the statecheck returned ${JSON.stringify(r.rows)}. Query: ${inlineQuery(r.sql)}`,
      );
    }
    checked = ', statecheck passed';
  } else if (exportsAnchor) {
    const r = await run.exportsRows(res, exportsAnchor, ctx, policyOf(exportsAnchor));
    if (r !== undefined && r.rows.length !== 1) {
      throw new DeployError(`${anchorWhere(exportsAnchor.file, 'exports', exportsAnchor.line)}: '${res.name}' was ${action} but its exports query (standing in for a statecheck) returns no row. Query: ${inlineQuery(r.sql)}`);
    }
    proxyRow = r?.rows;
    checked = ', exports found';
  }
  await exportsOf(run, res, ctx, proxyRow, false);
  return action + checked;
}

/**
 * Makes the write and records it in the ledger as `kind` (unless a dry run, or a failure a
 * multi resource goes on after) — before its callback runs, so a rollback after a callback
 * that fails still deletes what was created. `op`: a create or update, followed by its
 * return_vals and callback (callbacks.ts); `bareCallbackOnly`: a createorupdate not known
 * to create or update runs a bare `callback` only.
 */
async function write(run: StackRun, res: ResourceSpec, anchor: Anchor, ctx: Record<string, unknown>, ignoreErrors: boolean, op: WriteOp | undefined, kind: WriteKind, bareCallbackOnly = false): Promise<void> {
  let row: Row | undefined;
  try {
    row = await run.write(res, anchor, ctx);
  } catch (e) {
    if (e instanceof WriteReportError && e.outcome === 'unknown') run.ledger.unknownWrite(res.name, anchor.name, e);
    // stackql-deploy's multi resources go on when a create or update fails.
    if (!ignoreErrors) throw e;
    run.progress.warn(`${res.name} (type multi): ${anchor.name} failed, going on: ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  if (!run.dryRun) run.ledger.wrote(res.name, kind);
  if (op) await afterWrite(run, res, op, ctx, row, bareCallbackOnly);
}

/**
 * The resource's exports into the context, from `rows` when a check already read them.
 * `required`: a query resource must have an exports query.
 */
export async function exportsOf(run: StackRun, res: ResourceSpec, ctx: Record<string, unknown>, rows: Row[] | undefined, required: boolean): Promise<void> {
  const anchor = exportsAnchorOf(run, res, required);
  if (!anchor) return;
  const result = rows && rows.length === 1 ? { rows, sql: '' } : await run.exportsRows(res, anchor, ctx, policyOf(anchor));
  run.applyExports(res, anchor, result);
}

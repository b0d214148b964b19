// After a create, update or delete (stackql-deploy v2): the write's result, `return_vals`
// and `callback` anchors.
//
// The result: v2 keeps the first row a write returns (`RETURNING *`) as `callback.*` in the
// resource's own queries and `<resource>.callback.*` everywhere after (JSON objects in it
// become nested fields). A skyql write always answers with Cloud Control's ProgressEvent
// row (operation, operation_status, identifier, request_token, …; no RETURNING needed);
// it is kept as it is, and also as `ProgressEvent` with Cloud Control's own field names
// (`callback.ProgressEvent.RequestToken`, as v2 documents for awscc). With RETURNING, the
// row is the resource's columns instead; with awscc's RETURNING, the ProgressEvent's fields.
//
// return_vals: `create: [- Identifier: identifier, - RequestToken]` puts those fields of
// the result into `this.*` (renamed, or by their own name); a field that is missing, null
// or empty fails the build (v2). `Identifier` is looked up as written, then in
// ProgressEvent, then as skyql's column (identifier, request_token).
//
// callback anchors: `callback:create`, `callback:update`, `callback:delete`, or a bare
// `callback` for any of them, run after a write that succeeded (v2: build's create and
// update, teardown's delete). The query is polled until its first row has `success` 1/true
// or `count` 1; `retries=` tries (v2 documents 3 by default) `retry_delay=` seconds apart
// (default 5); exhausted, the run fails. `short_circuit_field=ProgressEvent.OperationStatus,
// short_circuit_value=SUCCESS` skips the poll when the result already says so. A dry run
// shows the query and polls nothing.
import { retry } from './clock.js';
import { anchorWhere, DeployError, inlineQuery } from './errors.js';
import type { ResourceSpec } from './manifest.js';
import type { Anchor } from './query-file.js';
import type { StackRun } from './runner.js';
import type { Row } from './sql-runner.js';

export type WriteOp = 'create' | 'update' | 'delete';

/** v2's callback defaults: 3 tries, 5 seconds apart. */
export const CALLBACK_TRIES = 3;
export const CALLBACK_DELAY = 5;

const EVENT_FIELDS: [string, string][] = [
  ['operation', 'Operation'],
  ['operation_status', 'OperationStatus'],
  ['type_name', 'TypeName'],
  ['identifier', 'Identifier'],
  ['request_token', 'RequestToken'],
  ['status_message', 'StatusMessage'],
  ['error_code', 'ErrorCode'],
  ['event_time', 'EventTime'],
];

/** The write's first row as the context keeps it. */
export function capturedResult(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) define(out, k, typeof v === 'string' && v.trimStart().startsWith('{') ? parseObject(v) : v);
  if ('request_token' in row && 'operation_status' in row) {
    const event: Record<string, unknown> = {};
    for (const [col, field] of EVENT_FIELDS) if (row[col] !== null && row[col] !== undefined) event[field] = row[col];
    if (!('ProgressEvent' in out)) out.ProgressEvent = event;
  } else if ('RequestToken' in row && 'OperationStatus' in row && !('ProgressEvent' in out)) {
    // awscc's RETURNING gives the ProgressEvent's own field names: the same fields, nested too.
    out.ProgressEvent = Object.fromEntries(EVENT_FIELDS.map(([, f]) => [f, out[f]]).filter(([, v]) => v !== null && v !== undefined));
  }
  return out;
}

/** A field of the result: as written, in ProgressEvent, or as skyql's snake_case column. */
export function resultField(result: Record<string, unknown>, field: string): unknown {
  if (field in result) return result[field];
  const event = result.ProgressEvent;
  if (event && typeof event === 'object' && field in event) return (event as Record<string, unknown>)[field];
  const snake = field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return Object.hasOwn(result, snake) ? result[snake] : undefined;
}

/** A dotted path (`ProgressEvent.OperationStatus`) into the result. */
function atPath(result: Record<string, unknown>, path: string): unknown {
  let v: unknown = result;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * What follows a successful write: its result into the context, `return_vals` into
 * `this.*`, then the callback anchor for the operation, if the query file has one.
 */
export async function afterWrite(run: StackRun, res: ResourceSpec, op: WriteOp, ctx: Record<string, unknown>, row: Row | undefined, bareCallbackOnly = false): Promise<void> {
  const callback = bareCallbackOnly ? run.queryFile(res).anchors.get('callback') : callbackAnchor(run, res, op);
  if (run.dryRun) {
    // Its query reads the write's result, which a dry run does not have: shown as written.
    if (callback) run.progress.dryRun(res.name, `${callback.name} (polled after the ${op}, rendered with its result)`, callback.template.trim());
    return;
  }
  let result: Record<string, unknown> | undefined;
  if (row) {
    result = capturedResult(row);
    run.context.setCallback(res.name, result);
    ctx.callback = result;
  }
  const specs = res.returnVals[op] ?? [];
  if (specs.length > 0) {
    const where = `${run.manifest.file} line ${res.line}, ${res.field} return_vals.${op}`;
    if (!result) throw new DeployError(`${where}: the ${op} returned no row, so ${specs.map((s) => s.column).join(', ')} cannot be captured`);
    const fields: Record<string, unknown> = {};
    for (const s of specs) {
      const v = resultField(result, s.column);
      if (v === undefined) throw new DeployError(`${where}: field '${s.column}' is not in the ${op}'s result (it has ${Object.keys(result).join(', ')})`);
      if (v === null || v === '') throw new DeployError(`${where}: field '${s.column}' of the ${op}'s result is ${v === null ? 'null' : 'empty'}`);
      fields[s.name] = v;
    }
    run.context.setFields(res.name, fields);
    run.progress.step(res.name, `return_vals ${Object.entries(fields).map(([k, v]) => `this.${k}=${String(v)}`).join(', ')}`);
  }
  if (callback) await poll(run, res, callback, op, ctx, result);
}

function callbackAnchor(run: StackRun, res: ResourceSpec, op: WriteOp): Anchor | undefined {
  const anchors = run.queryFile(res).anchors;
  return anchors.get(`callback:${op}`) ?? anchors.get('callback');
}

async function poll(run: StackRun, res: ResourceSpec, anchor: Anchor, op: WriteOp, ctx: Record<string, unknown>, result: Record<string, unknown> | undefined): Promise<void> {
  const field = anchor.extra.short_circuit_field;
  const expected = anchor.extra.short_circuit_value;
  if (field !== undefined && expected !== undefined && result) {
    const v = atPath(result, field);
    if (v !== undefined && v !== null && String(v) === expected) {
      run.progress.step(res.name, `${anchor.name}: skipped, ${field} is ${expected}`);
      return;
    }
  }
  const sql = run.render(res, anchor, ctx);
  run.progress.query(res.name, anchor.name, sql.trim());
  const policy = { attempts: anchor.options.retries ?? CALLBACK_TRIES, delaySeconds: anchor.options.retry_delay ?? CALLBACK_DELAY };
  const last = await retry(
    policy,
    run.clock,
    async () => {
      const rows = await run.read(res, anchor, sql);
      return { done: succeeded(rows[0]), rows };
    },
    (n) => run.progress.step(res.name, `${anchor.name}: not done yet, attempt ${n}/${policy.attempts} in ${policy.delaySeconds} s`, true),
    run.signal,
  );
  if (!last.done) {
    throw new DeployError(
      `${anchorWhere(anchor.file, anchor.name, anchor.line)}: the callback after the ${op} of '${res.name}' did not succeed ` +
        `(${policy.attempts} ${policy.attempts === 1 ? 'try' : `tries ${policy.delaySeconds} s apart`}; it must return a row with success 1 or true, or count 1); ` +
        `it returned ${JSON.stringify(last.rows)}. Query: ${inlineQuery(sql)}`,
    );
  }
  run.progress.step(res.name, `${anchor.name}: succeeded`);
}

function succeeded(row: Row | undefined): boolean {
  if (!row) return false;
  const s = row.success;
  if (s === true || s === 1 || s === '1' || (typeof s === 'string' && s.toLowerCase() === 'true')) return true;
  const c = row.count;
  return c === 1 || c === '1' || c === 1n;
}

function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function parseObject(s: string): unknown {
  try {
    const v: unknown = JSON.parse(s);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : s;
  } catch {
    return s;
  }
}

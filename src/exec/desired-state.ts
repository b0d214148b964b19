// Checks and converts what a write names and sets, before any call is made: unknown
// columns (with the nearest real one), read-only and create-only columns, missing
// required properties, values that are not what the column's type needs or not in its enum.
import { PlanError } from '../errors.js';
import { GLOBAL_REGION, isGlobalService } from '../providers/aws/global-services.js';
import type { ColumnDef, ColumnType, ResourceDef } from '../providers/catalog-types.js';
import { requiredProperties } from '../providers/methods.js';
import { closest } from '../util/closest.js';
import { requestParameterNamed, requestParameterValue, type RequestParameter, type RequestParameters } from './request-parameters.js';

export type WriteTarget = { kind: 'region' } | { kind: 'column'; column: ColumnDef } | { kind: 'request'; parameter: RequestParameter };

function tableName(def: ResourceDef): string {
  return `aws.${def.service}.${def.name}`;
}

/** A column named as the CloudFormation property (`ApiId`) or as the table's column (`api_id`). */
export function writeTarget(def: ResourceDef, name: string): WriteTarget {
  if (name.toLowerCase() === 'region') return { kind: 'region' };
  const col = def.columns.find((c) => c.property && (c.property === name || c.name === name.toLowerCase()));
  if (col) return { kind: 'column', column: col };
  const parameter = requestParameterNamed(def, name);
  if (parameter) return { kind: 'request', parameter };
  const candidates = def.columns.flatMap((c) => (c.property ? [c.property, c.name] : [c.name]));
  const near = closest(name, candidates);
  throw new PlanError(
    `Unknown column '${name}' for ${tableName(def)}.${near ? ` Did you mean '${near}'?` : ''} Run DESCRIBE ${tableName(def)} for its columns.`,
  );
}

/** A SQL value → the JSON value Cloud Control expects for this column. */
export function propertyValue(col: ColumnDef, v: unknown, where: string): unknown {
  const fail = (why: string) => new PlanError(`${col.name} (${col.property}) ${where}: ${why}`);
  if (v === null || v === undefined) return undefined;
  if (col.types) return oneOfTypes(col, col.types, v, fail);
  switch (col.type) {
    case 'object':
    case 'array': {
      if (typeof v !== 'string') throw fail(`expected JSON text for an ${col.type} column, got ${JSON.stringify(v)}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(v);
      } catch (e) {
        throw fail(`is not valid JSON (${(e as Error).message}): write it as JSON text, e.g. '${col.type === 'array' ? '[]' : '{}'}'`);
      }
      if (col.type === 'array' && !Array.isArray(parsed)) throw fail(`expected a JSON array, got ${v}`);
      // An object column takes a JSON object; a JSON string too, for the properties the
      // spec types as JSON-or-string (policies, schemas).
      if (col.type === 'object' && (Array.isArray(parsed) || (typeof parsed !== 'object' && typeof parsed !== 'string') || parsed === null)) {
        throw fail(`expected a JSON object, got ${v}`);
      }
      return parsed;
    }
    case 'integer':
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(String(v).trim());
      if (String(v).trim() === '' || !Number.isFinite(n)) throw fail(`expected a number, got ${JSON.stringify(v)}`);
      if (col.type === 'integer' && !Number.isInteger(n)) throw fail(`expected a whole number, got ${n}`);
      // SQLite hands integers to JavaScript as doubles: beyond 2^53 they are no longer exact.
      if (col.type === 'integer' && !Number.isSafeInteger(n)) throw fail(`${String(v)} is beyond the integers skyql can send exactly (±9007199254740991)`);
      return allowed(col, n, fail);
    }
    case 'boolean':
      if (v === 1 || v === true || v === 'true' || v === 'TRUE') return true;
      if (v === 0 || v === false || v === 'false' || v === 'FALSE') return false;
      throw fail(`expected true or false, got ${JSON.stringify(v)}`);
    default:
      return allowed(col, typeof v === 'string' ? v : String(v), fail);
  }
}

/** The JSON type a parsed value is, in the schema's words (a whole number is an integer). */
function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const EXAMPLE: Record<ColumnType, string> = {
  object: '{}',
  array: '[]',
  string: '"text"',
  integer: '1',
  number: '1.5',
  boolean: 'true',
};

/**
 * A column the schema lets be one of several JSON types (KeySchema: an array or an object)
 * takes JSON text of any of them; SQL numbers and booleans stand for themselves.
 */
function oneOfTypes(col: ColumnDef, types: ColumnType[], v: unknown, fail: (why: string) => PlanError): unknown {
  const allowedTypes = `a JSON ${types.join(' or ')}`;
  let parsed: unknown = typeof v === 'bigint' ? Number(v) : v;
  if (typeof v === 'string') {
    try {
      parsed = JSON.parse(v);
    } catch (e) {
      throw fail(`is not valid JSON (${(e as Error).message}): the column takes ${allowedTypes} as JSON text, e.g. ${types.map((t) => `'${EXAMPLE[t]}'`).join(' or ')}`);
    }
  }
  const kind = jsonTypeOf(parsed);
  if (!types.some((t) => t === kind || (t === 'number' && kind === 'integer'))) throw fail(`expected ${allowedTypes}, got ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return typeof parsed === 'string' || typeof parsed === 'number' ? allowed(col, parsed, fail) : parsed;
}

/** A value outside the registry schema's `enum` is refused, naming the values Cloud Control takes. */
function allowed<T extends string | number>(col: ColumnDef, v: T, fail: (why: string) => PlanError): T {
  if (!col.enum || col.enum.some((e) => String(e) === String(v))) return v;
  const show = (x: string | number) => (typeof x === 'string' ? `'${x}'` : String(x));
  throw fail(`${show(v)} is not an allowed value: Cloud Control takes ${col.enum.length === 1 ? 'only' : 'one of'} ${col.enum.map(show).join(', ')}`);
}

/** One INSERT row → DesiredState and region, or a PlanError naming the row and the fix. */
export function desiredState(
  def: ResourceDef,
  targets: WriteTarget[],
  row: unknown[],
  rowNumber: number,
): { region: string; state: Record<string, unknown>; request: RequestParameters } {
  const where = `in row ${rowNumber}`;
  let region: string | undefined;
  const state: Record<string, unknown> = {};
  const request: RequestParameters = {};
  targets.forEach((t, i) => {
    if (t.kind === 'region') {
      region = row[i] === null || row[i] === undefined ? undefined : String(row[i]);
      return;
    }
    if (t.kind === 'request') {
      const v = requestParameterValue(t.parameter, row[i], where);
      if (v !== undefined) request[t.parameter] = v;
      return;
    }
    const v = propertyValue(t.column, row[i], where);
    if (v !== undefined) state[t.column.property!] = v;
  });
  // A global service's one endpoint is us-east-1: no region means that one, as for reads.
  if (!region && isGlobalService(def.service)) region = GLOBAL_REGION;
  if (!region) {
    throw new PlanError(`INSERT INTO ${tableName(def)} needs a region ${where}: add region to the column list and a value such as 'us-east-1'.`);
  }
  const missing = requiredProperties(def).filter((p) => state[p] === undefined);
  if (missing.length) {
    throw new PlanError(
      `INSERT INTO ${tableName(def)} is missing required ${missing.length === 1 ? 'property' : 'properties'} ${missing.join(', ')} ${where}: ` +
        `its create_resource needs ${[...requiredProperties(def), 'region'].join(', ')}.`,
    );
  }
  return { region, state, request };
}

export function checkInsertColumns(def: ResourceDef, names: string[]): WriteTarget[] {
  const targets = names.map((n) => writeTarget(def, n));
  const readOnly = targets.flatMap((t) => (t.kind === 'column' && t.column.readOnly ? [t.column] : []));
  if (readOnly.length) {
    throw new PlanError(
      `${readOnly.map((c) => c.property).join(', ')} ${readOnly.length === 1 ? 'is' : 'are'} read-only in ${tableName(def)}: ` +
        'the service sets it; remove it from the column list.',
    );
  }
  const seen = new Set<string>();
  for (const t of targets) {
    const key = t.kind === 'region' ? 'region' : t.kind === 'request' ? t.parameter : t.column.name;
    if (seen.has(key)) throw new PlanError(`${key} is named twice in the column list of INSERT INTO ${tableName(def)}.`);
    seen.add(key);
  }
  if (!seen.has('region') && !isGlobalService(def.service)) {
    throw new PlanError(`INSERT INTO ${tableName(def)} needs a region: add region to the column list and a value such as 'us-east-1'.`);
  }
  return targets;
}

/** The column list must name every required property: checked before reading any row. */
export function checkRequiredNamed(def: ResourceDef, targets: WriteTarget[]): void {
  const named = new Set(targets.flatMap((t) => (t.kind === 'column' ? [t.column.property] : [])));
  const missing = requiredProperties(def).filter((p) => !named.has(p));
  if (missing.length) {
    throw new PlanError(
      `INSERT INTO ${tableName(def)} is missing required ${missing.length === 1 ? 'property' : 'properties'} ${missing.join(', ')}: ` +
        `add ${missing.length === 1 ? 'it' : 'them'} to the column list (create_resource needs ${[...requiredProperties(def), 'region'].join(', ')}).`,
    );
  }
}

/** Columns an UPDATE may SET: writable and not create-only. */
export function checkUpdateColumns(def: ResourceDef, names: string[]): ColumnDef[] {
  const cols = names.map((n) => {
    const t = writeTarget(def, n);
    if (t.kind === 'region') throw new PlanError('region cannot be SET: it picks the endpoint; a resource cannot move regions.');
    // run-update.ts takes the request parameters out of SET before this.
    if (t.kind === 'request') throw new PlanError(`${n} is a Cloud Control request parameter, not a column to SET.`);
    return t.column;
  });
  const readOnly = cols.filter((c) => c.readOnly);
  if (readOnly.length) throw new PlanError(`${readOnly.map((c) => c.name).join(', ')} cannot be updated: read-only, set by the service.`);
  const createOnly = cols.filter((c) => c.createOnly);
  if (createOnly.length) {
    throw new PlanError(
      `${createOnly.map((c) => c.name).join(', ')} cannot be updated: create-only in ${def.cfnType} (changing ${createOnly.length === 1 ? 'it' : 'them'} replaces the resource). Delete and insert it instead.`,
    );
  }
  return cols;
}

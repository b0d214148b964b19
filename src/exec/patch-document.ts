// RFC 6902 patch documents: validated before any call, and built from SET clauses.
import { PlanError } from '../errors.js';
import type { ColumnDef, ResourceDef } from '../providers/catalog-types.js';
import { closest } from '../util/closest.js';

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

export interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

/** The top-level property a JSON Pointer addresses: `/Tags/0/Value` → Tags. */
function topProperty(pointer: string): string {
  return pointer.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~') ?? '';
}

function checkPath(def: ResourceDef, pointer: unknown, what: string, name: string): ColumnDef {
  if (typeof pointer !== 'string' || !pointer.startsWith('/')) {
    throw new PlanError(`${name}: ${what} must be a JSON Pointer such as "/Description", got ${JSON.stringify(pointer)}`);
  }
  const prop = topProperty(pointer);
  const col = def.columns.find((c) => c.property === prop);
  if (!col) {
    const near = closest(prop, def.columns.flatMap((c) => (c.property ? [c.property] : [])));
    throw new PlanError(`${name}: ${def.cfnType} has no property '${prop}'.${near ? ` Did you mean '${near}'?` : ''}`);
  }
  return col;
}

/** Parses and checks a patch document; refuses read-only and create-only properties. */
/** `name`: the column as the statement spells it (data__PatchDocument, or awscc's PatchDocument). */
export function validatePatch(def: ResourceDef, text: unknown, name = 'data__PatchDocument'): PatchOp[] {
  if (typeof text !== 'string') throw new PlanError(`${name} must be JSON text: a JSON array of RFC 6902 operations`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new PlanError(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc) || doc.length === 0) {
    throw new PlanError(`${name} must be a non-empty JSON array of operations, e.g. [{"op":"replace","path":"/Description","value":"x"}]`);
  }
  const touched: ColumnDef[] = [];
  doc.forEach((raw, i) => {
    const op = raw as PatchOp;
    const at = `operation ${i + 1}`;
    if (!op || typeof op !== 'object' || !OPS.has(op.op)) {
      throw new PlanError(`${name} ${at}: "op" must be one of ${[...OPS].join(', ')}`);
    }
    touched.push(checkPath(def, op.path, `${at}'s "path"`, name));
    if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && !('value' in op)) {
      throw new PlanError(`${name} ${at}: "${op.op}" needs a "value"`);
    }
    if (op.op === 'move' || op.op === 'copy') touched.push(checkPath(def, op.from, `${at}'s "from"`, name));
  });
  const readOnly = touched.filter((c) => c.readOnly);
  if (readOnly.length) throw new PlanError(`${[...new Set(readOnly.map((c) => c.property))].join(', ')} cannot be patched: read-only, set by the service.`);
  const createOnly = touched.filter((c) => c.createOnly);
  if (createOnly.length) {
    throw new PlanError(
      `${[...new Set(createOnly.map((c) => c.property))].join(', ')} cannot be patched: create-only in ${def.cfnType} (Cloud Control answers NotUpdatable). Delete and insert it instead.`,
    );
  }
  return doc as PatchOp[];
}

/** SET col = v → `add` (creates or replaces a member); SET col = NULL → `remove`. */
export function patchFromSets(cols: ColumnDef[], values: unknown[]): PatchOp[] {
  return cols.map((c, i) =>
    values[i] === undefined ? { op: 'remove', path: `/${c.property}` } : { op: 'add', path: `/${c.property}`, value: values[i] },
  );
}

// RFC 6902 JSON Patch, the format of UpdateResource's PatchDocument. Applies to a copy;
// a failing operation (bad path, failed `test`) leaves the input untouched.
//
// Paths through `__proto__`, `constructor` or `prototype` are refused outright. RFC 6901
// allows any member name, so this is our own restriction, not RFC's or AWS's: in
// JavaScript `obj['__proto__'] = v` swaps the object's prototype instead of setting a
// member (the patch "succeeds" and changes nothing visible), and the other two are the
// usual way to reach a shared prototype. No registry schema in the catalog uses these names.
// Below that check, members are read and written as own properties only (Object.hasOwn,
// Object.defineProperty), so no path can reach an inherited one.
import { MAX_JSON_DEPTH, valueDepth } from './json-depth.js';

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

export class JsonPatchError extends Error {}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A pointer of the patch (`path` or `from`): well-formed, and through no prototype key. */
function checkPointer(pointer: string, i: number): void {
  const key = parsePointer(pointer).find((t) => PROTOTYPE_KEYS.has(t));
  if (key !== undefined) {
    throw new JsonPatchError(`operation ${i}: path '${pointer}' goes through '${key}', which is not allowed (it names an object prototype)`);
  }
}

/** Checks the document's shape: an array of operations, each with the members its op needs. */
export function parsePatch(doc: unknown): PatchOperation[] {
  if (!Array.isArray(doc)) throw new JsonPatchError('a patch document is a JSON array of operations');
  return doc.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new JsonPatchError(`operation ${i} is not an object`);
    }
    const op = raw as Record<string, unknown>;
    if (typeof op.op !== 'string' || !OPS.has(op.op)) {
      throw new JsonPatchError(`operation ${i}: 'op' must be one of add, remove, replace, move, copy, test`);
    }
    if (typeof op.path !== 'string') throw new JsonPatchError(`operation ${i}: 'path' must be a string`);
    checkPointer(op.path, i);
    if (op.op === 'move' || op.op === 'copy') {
      if (typeof op.from !== 'string') throw new JsonPatchError(`operation ${i}: '${op.op}' needs 'from'`);
      checkPointer(op.from, i);
    }
    if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && !('value' in op)) {
      throw new JsonPatchError(`operation ${i}: '${op.op}' needs 'value'`);
    }
    return op as unknown as PatchOperation;
  });
}

/** RFC 6901 pointer → reference tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`'${pointer}' is not a JSON pointer (it must start with '/')`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function arrayIndex(arr: unknown[], token: string, forAdd: boolean, pointer: string): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new JsonPatchError(`'${pointer}': '${token}' is not an array index`);
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) throw new JsonPatchError(`'${pointer}': index ${i} is out of bounds`);
  return i;
}

function parentOf(doc: unknown, tokens: string[], pointer: string): Container {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, t, false, pointer)];
    else if (isContainer(cur) && Object.hasOwn(cur, t)) cur = (cur as Record<string, unknown>)[t];
    else throw new JsonPatchError(`'${pointer}': path does not exist`);
  }
  if (!isContainer(cur)) throw new JsonPatchError(`'${pointer}': parent is not an object or array`);
  return cur;
}

function get(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (!tokens.length) return doc;
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, false, pointer)];
  if (!Object.hasOwn(parent, last)) throw new JsonPatchError(`'${pointer}': path does not exist`);
  return parent[last];
}

function remove(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (!tokens.length) throw new JsonPatchError('cannot remove the whole document');
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false, pointer), 1)[0];
  if (!Object.hasOwn(parent, last)) throw new JsonPatchError(`'${pointer}': path does not exist`);
  const old = parent[last];
  delete parent[last];
  return old;
}

/** Adds (or replaces) a copy of `given` at `pointer`. */
function add(doc: unknown, pointer: string, given: unknown, replace: boolean, maxDepth: number): unknown {
  const tokens = parsePointer(pointer);
  // Checked per write, before copying: `copy` can nest a value inside itself, deeper with every operation.
  if (tokens.length + valueDepth(given, maxDepth) > maxDepth) {
    throw new JsonPatchError(`'${pointer}': the patched document would nest deeper than ${maxDepth} levels of objects and arrays`);
  }
  const value = structuredClone(given);
  if (!tokens.length) return value;
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const i = arrayIndex(parent, last, !replace, pointer);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else {
    if (replace && !Object.hasOwn(parent, last)) {
      throw new JsonPatchError(`'${pointer}': path does not exist`);
    }
    // Defined, not assigned: an assignment to a member named `__proto__` would set the prototype.
    Object.defineProperty(parent, last, { value, writable: true, enumerable: true, configurable: true });
  }
  return doc;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as never)[k], (b as never)[k]));
}

/** Applies `ops` to a copy of `document`; no write may make it nest deeper than `maxDepth`. */
export function applyPatch<T>(document: T, ops: PatchOperation[], maxDepth = MAX_JSON_DEPTH): T {
  let doc: unknown = structuredClone(document);
  for (const op of ops) {
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, op.value, false, maxDepth);
        break;
      case 'replace':
        doc = add(doc, op.path, op.value, true, maxDepth);
        break;
      case 'remove':
        remove(doc, op.path);
        break;
      case 'move': {
        const from = op.from as string;
        if (op.path.startsWith(from + '/')) throw new JsonPatchError(`cannot move '${from}' into its own child '${op.path}'`);
        const v = remove(doc, from);
        doc = add(doc, op.path, v, false, maxDepth);
        break;
      }
      case 'copy':
        doc = add(doc, op.path, get(doc, op.from as string), false, maxDepth);
        break;
      case 'test':
        if (!deepEqual(get(doc, op.path), op.value)) throw new JsonPatchError(`test failed at '${op.path}'`);
        break;
    }
  }
  return doc as T;
}

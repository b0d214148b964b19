// Templates are data, not code. A template may read the keys of the data it was given,
// a few pure string and list methods, and call the template functions (uuid(), range(),
// macros); it may never reach JavaScript's own machinery. nunjucks alone lets
// `{{ range.constructor("return process")() }}` build and run a function, because a
// member lookup walks prototypes: every read here goes through memberOf, and every call
// through isCallable.
import { isPlainObject } from './json-input.js';

/** Names that lead from data to JavaScript internals, refused even as own keys. */
const INTERNAL_NAMES = new Set([
  'constructor',
  'prototype',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** Pure string methods, with the Python names Jinja templates use for them. */
const STRING_METHODS: Readonly<Record<string, string>> = {
  upper: 'toUpperCase',
  lower: 'toLowerCase',
  strip: 'trim',
  lstrip: 'trimStart',
  rstrip: 'trimEnd',
  startswith: 'startsWith',
  endswith: 'endsWith',
  split: 'split',
  replace: 'replaceAll',
  toUpperCase: 'toUpperCase',
  toLowerCase: 'toLowerCase',
  trim: 'trim',
  trimStart: 'trimStart',
  trimEnd: 'trimEnd',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  includes: 'includes',
  indexOf: 'indexOf',
  slice: 'slice',
  substring: 'substring',
  padStart: 'padStart',
  padEnd: 'padEnd',
};

/** List methods that read and never change the list (the context is shared data). */
const LIST_METHODS = new Set(['includes', 'indexOf', 'join', 'slice', 'concat']);

/** Functions a template may call: the globals, and the methods memberOf hands out. */
const callables = new WeakSet<object>();

export class InternalAccess extends Error {}

export function allowCall<T extends object>(fn: T): T {
  callables.add(fn);
  return fn;
}

/**
 * Whether a template may call `fn`: one of ours, or a macro (nunjucks builds every macro
 * and `caller` with makeMacro, whose function is named `macro`; a template's data cannot
 * hold functions, so no other function has that name here).
 */
export function isCallable(fn: unknown): boolean {
  return typeof fn === 'function' && (callables.has(fn) || fn.name === 'macro');
}

/** Results of our functions that are functions themselves (joiner(), cycler().next). */
export function allowReturned(value: unknown): void {
  if (typeof value === 'function') callables.add(value);
  else if (isPlainObject(value)) for (const v of Object.values(value)) if (typeof v === 'function') callables.add(v);
}

/**
 * `obj.key` / `obj[key]` as a template may read it: own keys of data objects, list items
 * and string characters, `length`, and the pure methods above; undefined for anything
 * else, so the strict checks can name what is missing.
 */
export function memberOf(obj: unknown, key: unknown): unknown {
  if (obj === undefined || obj === null) return undefined;
  if (typeof key === 'string' && INTERNAL_NAMES.has(key)) {
    throw new InternalAccess(`'${key}' is JavaScript's, not the template's data: templates read data only`);
  }
  if (typeof obj === 'function') throw new InternalAccess('a function has no members a template may read');
  // nunjucks' SafeString (macro output, `| safe`) is a String.
  if (obj instanceof String) obj = obj.toString();
  if (typeof obj === 'string') {
    if (key === 'length') return obj.length;
    if (isIndex(key)) return obj[Number(key)];
    if (typeof key === 'string' && Object.hasOwn(STRING_METHODS, key)) return method(obj, STRING_METHODS[key]);
    return undefined;
  }
  if (Array.isArray(obj)) {
    if (key === 'length') return obj.length;
    if (isIndex(key)) return obj[Number(key)];
    if (typeof key === 'string' && LIST_METHODS.has(key)) return method(obj, key);
    return undefined;
  }
  if (isPlainObject(obj)) {
    const k = String(key);
    const value = Object.hasOwn(obj, k) ? obj[k] : undefined;
    // cycler().next and friends use `this`.
    return typeof value === 'function' && callables.has(value) ? allowCall(value.bind(obj)) : value;
  }
  return undefined;
}

function isIndex(key: unknown): boolean {
  return (typeof key === 'number' && Number.isInteger(key) && key >= 0) || (typeof key === 'string' && /^\d+$/.test(key));
}

function method(target: string | unknown[], name: string): (...args: unknown[]) => unknown {
  const fn = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
  return allowCall((...args: unknown[]) => fn.apply(target, args));
}

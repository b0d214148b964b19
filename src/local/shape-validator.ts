// Nested validation of property values against their shapes, worded as Cloud Control's
// JSON-schema validator (everit) words it: `#/Tags/0: required key [Key] not found`.
import type { ObjectShape, Shape, TypeShapes } from '../providers/shape-types.js';

export function kindOf(v: unknown): string {
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'JSONArray';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'number':
      return Number.isInteger(v) ? 'Integer' : 'BigDecimal';
    default:
      return 'JSONObject';
  }
}

const TAG: ObjectShape = { p: { Key: 's', Value: 's' }, q: ['Key', 'Value'] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Problems of `value` against `shape` at JSON pointer `path`, at most `limit` of them. */
export function shapeProblems(value: unknown, shape: Shape, path: string, shapes: TypeShapes, limit = 10): string[] {
  const problems: string[] = [];
  const expect = (word: string, v: unknown, at: string): void => {
    problems.push(`${at}: expected type: ${word}, found: ${kindOf(v)}`);
  };

  const object = (v: unknown, def: ObjectShape, at: string): void => {
    if (!isObject(v)) return expect('JSONObject', v, at);
    for (const [k, child] of Object.entries(v)) {
      // Own members only: `constructor` or `__proto__` must not find Object.prototype's.
      const s = Object.hasOwn(def.p, k) ? def.p[k] : undefined;
      if (!s) problems.push(`${at}: extraneous key [${k}] is not permitted`);
      else visit(child, s, `${at}/${k}`);
    }
    for (const k of def.q ?? []) if (v[k] === undefined) problems.push(`${at}: required key [${k}] not found`);
  };

  const visit = (v: unknown, s: Shape, at: string): void => {
    if (problems.length >= limit) return;
    if (typeof s === 'string') {
      switch (s) {
        case 's':
          if (typeof v !== 'string') expect('String', v, at);
          return;
        case 'i':
          if (typeof v !== 'number' || !Number.isInteger(v)) expect('Integer', v, at);
          return;
        case 'n':
          if (typeof v !== 'number') expect('Number', v, at);
          return;
        case 'b':
          if (typeof v !== 'boolean') expect('Boolean', v, at);
          return;
        case 't':
          return object(v, TAG, at);
        case 'j':
          return;
      }
    }
    if ('a' in s) {
      if (!Array.isArray(v)) return expect('JSONArray', v, at);
      v.forEach((item, i) => visit(item, s.a, `${at}/${i}`));
    } else if ('m' in s) {
      if (!isObject(v)) return expect('JSONObject', v, at);
      for (const [k, child] of Object.entries(v)) visit(child, s.m, `${at}/${k}`);
    } else if ('r' in s) {
      const def = shapes.types[s.r];
      if (def) object(v, def, at);
    } else if ('u' in s) {
      // Valid when any member accepts it; otherwise report the first member's complaint.
      const tries = s.u.map((member) => shapeProblems(v, member, at, shapes, 1));
      if (!tries.some((t) => t.length === 0)) problems.push(...(tries[0] ?? []));
    }
  };

  visit(value, shape, path);
  return problems.slice(0, limit);
}

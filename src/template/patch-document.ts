// `generate_patch_document`: the RFC 6902 patch that Cloud Control's UpdateResource takes,
// one operation per top-level property, as stackql-deploy builds it.
import { asObject, parseOr } from './json-input.js';
import { jsonText } from './render-value.js';

const OPS = new Set(['add', 'replace']);

/**
 * `add` (the default, as stackql-deploy) sets a property whether or not it exists;
 * `replace` requires that it exists. A string that is JSON text is sent as the value it
 * spells, as both stackql-deploy versions do (v1 lib/filters.py and v2
 * src/template/engine.rs json-parse every string): '{"a":1}' an object, "5" the number 5,
 * "true" a boolean, so `--var DelaySeconds=5` patches a number. Other strings stay strings.
 */
export function generatePatchDocument(properties: unknown, op: unknown = 'add'): string {
  if (typeof op !== 'string' || !OPS.has(op)) {
    throw new Error(`the operation must be 'add' or 'replace', got ${JSON.stringify(op)}`);
  }
  const ops = Object.entries(asObject(properties, 'the properties')).map(([key, value]) => ({
    op,
    path: `/${pointerToken(key)}`,
    value: typeof value === 'string' ? parseOr(value, value) : value,
  }));
  return jsonText(ops);
}

/** RFC 6901: `~` and `/` in a key are escaped in a JSON pointer. */
function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

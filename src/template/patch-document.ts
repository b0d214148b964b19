// `generate_patch_document`: the RFC 6902 patch that Cloud Control's UpdateResource takes,
// one operation per top-level property, as stackql-deploy builds it.
import { asObject, isPlainObject, parseOr } from './json-input.js';
import { jsonText } from './render-value.js';

const OPS = new Set(['add', 'replace']);

/**
 * `add` (the default, as stackql-deploy) sets a property whether or not it exists;
 * `replace` requires that it exists. A string holding a JSON object or array is sent as
 * that object or array; any other string stays a string ("123" is not turned into 123).
 */
export function generatePatchDocument(properties: unknown, op: unknown = 'add'): string {
  if (typeof op !== 'string' || !OPS.has(op)) {
    throw new Error(`the operation must be 'add' or 'replace', got ${JSON.stringify(op)}`);
  }
  const ops = Object.entries(asObject(properties, 'the properties')).map(([key, value]) => ({
    op,
    path: `/${pointerToken(key)}`,
    value: typeof value === 'string' ? jsonContainerOr(value) : value,
  }));
  return jsonText(ops);
}

function jsonContainerOr(text: string): unknown {
  const parsed = parseOr(text, undefined);
  return Array.isArray(parsed) || isPlainObject(parsed) ? parsed : text;
}

/** RFC 6901: `~` and `/` in a key are escaped in a JSON pointer. */
function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

// `from_json` and Jinja's `tojson`.
import { jsonText } from './render-value.js';

/** Parses JSON text; data that is already parsed passes through, since our contexts hold data. */
export function fromJson(value: unknown): unknown {
  if (typeof value !== 'string' && !(value instanceof String)) return value;
  try {
    return JSON.parse(value.toString()) as unknown;
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message.split(', "')[0]}`, { cause: e });
  }
}

/**
 * JSON text, escaped as Jinja's tojson escapes it: `'` (and `<`, `>`, `&`) become \u00XX
 * escapes, so `'{{ x | tojson }}'` stays one SQL string literal whatever x holds, and the
 * JSON means the same.
 */
export function toJson(value: unknown, indent?: unknown): string {
  const spaces = typeof indent === 'number' ? indent : undefined;
  return jsonText(value, spaces).replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

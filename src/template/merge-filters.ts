// `merge_lists` and `merge_objects`, as stackql-deploy uses them to add stack-wide tags
// to a resource's own.
import { asList, asObject } from './json-input.js';
import { canonicalJson } from './render-value.js';

/** The union of two lists, first occurrence kept in order; equal items (by JSON value) appear once. */
export function mergeLists(first: unknown, second: unknown): unknown[] {
  if (second === undefined) throw new Error('needs a second list: a | merge_lists(b)');
  const seen = new Set<string>();
  const merged: unknown[] = [];
  for (const item of [...asList(first, 'the piped value'), ...asList(second, 'the argument')]) {
    const key = canonicalJson(item);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(item);
  }
  return merged;
}

/** A shallow merge; keys of the second object win. */
export function mergeObjects(first: unknown, second: unknown): Record<string, unknown> {
  if (second === undefined) throw new Error('needs a second object: a | merge_objects(b)');
  return { ...asObject(first, 'the piped value'), ...asObject(second, 'the argument') };
}

// `to_aws_tag_filters` (stackql-deploy v2, src/template/engine.rs): `[{Key, Value}]` tags
// → the Resource Groups Tagging API's TagFilters `[{Key, Values: [Value]}]`, as JSON text.
// v2's examples use it to find a stack's resources by its global tags.
import { asList, isPlainObject } from './json-input.js';
import { jsonText } from './render-value.js';

export function toAwsTagFilters(tags: unknown): string {
  const filters = asList(tags, 'the tags').flatMap((t) =>
    // As v2: an item without a string Key and Value is left out.
    isPlainObject(t) && typeof t.Key === 'string' && typeof t.Value === 'string' ? [{ Key: t.Key, Values: [t.Value] }] : [],
  );
  return jsonText(filters);
}

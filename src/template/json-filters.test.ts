import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromJson, toJson } from './json-filters.js';

test('from_json parses text and passes data through', () => {
  assert.deepEqual(fromJson('{"a": [1, true]}'), { a: [1, true] });
  assert.deepEqual(fromJson({ a: 1 }), { a: 1 });
  assert.throws(() => fromJson('{"a": }'), /^Error: not valid JSON: Unexpected token '}'$/);
});

test("tojson writes JSON with ' < > & escaped as Jinja does", () => {
  assert.equal(toJson({ a: "it's <b> & c" }), '{"a":"it\\u0027s \\u003cb\\u003e \\u0026 c"}');
  assert.deepEqual(JSON.parse(toJson({ a: "it's" })), { a: "it's" });
  assert.equal(toJson('x'), '"x"');
  assert.equal(toJson([1], 2), '[\n  1\n]');
});

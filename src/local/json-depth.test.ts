import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, textDepth, valueDepth } from './json-depth.js';

const nested = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

test('text and parsed value agree on depth', () => {
  for (const text of ['1', '"x"', '{}', '[]', '[{}]', '{"a":[1,{"b":[]}],"c":{}}', nested(5), nested(MAX_JSON_DEPTH)]) {
    assert.equal(textDepth(text), valueDepth(JSON.parse(text)), text.slice(0, 40));
  }
  assert.equal(textDepth('{"a":[1,{"b":[]}],"c":{}}'), 4);
});

test('brackets inside strings, escaped quotes included, do not count', () => {
  assert.equal(textDepth('{"k":"[[[{{{"}'), 1);
  assert.equal(textDepth('{"k":"\\"[[[","l":"\\\\"}'), 1);
  assert.equal(textDepth('["\\\\", ["x"]]'), 2);
});

test('counting stops just past the limit, so a hostile document costs no more than that', () => {
  const deep = '['.repeat(200_000) + ']'.repeat(200_000);
  assert.equal(textDepth(deep), MAX_JSON_DEPTH + 1);
  assert.equal(textDepth(deep, 3), 4);
  assert.equal(valueDepth(JSON.parse(deep)), MAX_JSON_DEPTH + 1, 'no recursion: a 200,000-deep value is measured');
});

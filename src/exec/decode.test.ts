import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tagPairs, toSqlValue } from '../plan/decode-value.js';
import { likeMatcher } from './metadata.js';

test('tags unnest from both shapes CloudFormation uses', () => {
  assert.deepEqual(tagPairs([{ Key: 'a', Value: '1' }, { Key: 'b' }]), [
    ['a', '1'],
    ['b', ''],
  ]);
  assert.deepEqual(tagPairs({ env: 'dev' }), [['env', 'dev']]);
  assert.deepEqual(tagPairs(undefined), []);
});

test('values become what their SQL column holds', () => {
  assert.equal(toSqlValue({ name: 'o', type: 'object', description: '' }, { a: 1 }), '{"a":1}');
  assert.equal(toSqlValue({ name: 'b', type: 'boolean', description: '' }, false), 0);
  assert.equal(toSqlValue({ name: 's', type: 'string', description: '' }, ['x']), '["x"]');
  assert.equal(toSqlValue({ name: 'i', type: 'integer', description: '' }, undefined), null);
});

test('LIKE patterns for SHOW are case-insensitive with % and _', () => {
  const like = likeMatcher('%API_');
  assert.equal(like('myapis'), true);
  assert.equal(like('api'), false);
  assert.equal(likeMatcher(undefined)('anything'), true);
  assert.equal(likeMatcher('a.b')('axb'), false);
});

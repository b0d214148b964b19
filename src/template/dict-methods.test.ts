import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictMethod } from './dict-methods.js';

test('Python dict methods on plain objects', () => {
  const obj = { a: 1, b: 2 };
  assert.deepEqual(dictMethod(obj, 'items')?.(), [['a', 1], ['b', 2]]);
  assert.deepEqual(dictMethod(obj, 'keys')?.(), ['a', 'b']);
  assert.deepEqual(dictMethod(obj, 'values')?.(), [1, 2]);
  assert.equal(dictMethod(obj, 'get')?.('a'), 1);
  assert.equal(dictMethod(obj, 'get')?.('z'), null);
  assert.equal(dictMethod(obj, 'get')?.('z', 0), 0);
});

test('a real key of that name, a non-object or another name is left alone', () => {
  assert.equal(dictMethod({ items: [1] }, 'items'), undefined);
  assert.equal(dictMethod([1], 'keys'), undefined);
  assert.equal(dictMethod({ a: 1 }, 'pop'), undefined);
  assert.equal(dictMethod({ a: 1 }, 'constructor'), undefined);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeLists, mergeObjects } from './merge-filters.js';

test('merge_lists keeps order and drops items equal by value, whatever their key order', () => {
  const stackTags = [{ Key: 'env', Value: 'dev' }, { Key: 'owner', Value: 'me' }];
  const ownTags = [{ Value: 'dev', Key: 'env' }, { Key: 'name', Value: 'vpc' }];
  assert.deepEqual(mergeLists(ownTags, stackTags), [
    { Value: 'dev', Key: 'env' },
    { Key: 'name', Value: 'vpc' },
    { Key: 'owner', Value: 'me' },
  ]);
  assert.deepEqual(mergeLists([1, 2, 2], [3, 1]), [1, 2, 3]);
});

test('merge_lists accepts JSON text of lists and rejects anything else', () => {
  assert.deepEqual(mergeLists('["a"]', ['b']), ['a', 'b']);
  assert.throws(() => mergeLists({ a: 1 }, []), /piped value must be a list/);
  assert.throws(() => mergeLists([], 'not json'), /argument must be a list .* got the string "not json"/);
  assert.throws(() => mergeLists([], undefined), /needs a second list/);
});

test('merge_objects merges shallowly, the second winning; JSON text accepted', () => {
  assert.deepEqual(mergeObjects({ a: 1, b: { x: 1 } }, '{"b": {"y": 2}, "c": 3}'), { a: 1, b: { y: 2 }, c: 3 });
  assert.throws(() => mergeObjects([1], {}), /must be an object/);
  assert.throws(() => mergeObjects({}, undefined), /needs a second object/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch, JsonPatchError, parsePatch, parsePointer } from './json-patch.js';

test('RFC 6902 appendix A examples', () => {
  assert.deepEqual(applyPatch({ foo: 'bar' }, parsePatch([{ op: 'add', path: '/baz', value: 'qux' }])), { foo: 'bar', baz: 'qux' });
  assert.deepEqual(applyPatch({ foo: ['bar', 'baz'] }, parsePatch([{ op: 'add', path: '/foo/1', value: 'qux' }])), {
    foo: ['bar', 'qux', 'baz'],
  });
  assert.deepEqual(applyPatch({ baz: 'qux', foo: 'bar' }, parsePatch([{ op: 'remove', path: '/baz' }])), { foo: 'bar' });
  assert.deepEqual(applyPatch({ foo: ['bar', 'qux', 'baz'] }, parsePatch([{ op: 'remove', path: '/foo/1' }])), {
    foo: ['bar', 'baz'],
  });
  assert.deepEqual(applyPatch({ baz: 'qux', foo: 'bar' }, parsePatch([{ op: 'replace', path: '/baz', value: 'boo' }])), {
    baz: 'boo',
    foo: 'bar',
  });
  assert.deepEqual(
    applyPatch(
      { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      parsePatch([{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }]),
    ),
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  );
  assert.deepEqual(applyPatch({ foo: ['all', 'grass', 'cows', 'eat'] }, parsePatch([{ op: 'move', from: '/foo/1', path: '/foo/3' }])), {
    foo: ['all', 'cows', 'eat', 'grass'],
  });
  assert.deepEqual(applyPatch({ foo: ['bar'] }, parsePatch([{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }])), {
    foo: ['bar', ['abc', 'def']],
  });
  assert.deepEqual(applyPatch({ '/': 9, '~1': 10 }, parsePatch([{ op: 'test', path: '/~01', value: 10 }])), { '/': 9, '~1': 10 });
  assert.deepEqual(applyPatch({ a: { b: 1 } }, parsePatch([{ op: 'copy', from: '/a', path: '/c' }])), { a: { b: 1 }, c: { b: 1 } });
});

test('failures throw and leave the input untouched', () => {
  const doc = { baz: 'qux', foo: ['a', 2, 'c'] };
  const before = structuredClone(doc);
  assert.throws(() => applyPatch(doc, parsePatch([{ op: 'test', path: '/baz', value: 'bar' }])), JsonPatchError);
  assert.throws(() => applyPatch(doc, parsePatch([{ op: 'add', path: '/baz/bat', value: 'qux' }])), JsonPatchError);
  assert.throws(() => applyPatch(doc, parsePatch([{ op: 'remove', path: '/nope' }])), JsonPatchError);
  assert.throws(() => applyPatch(doc, parsePatch([{ op: 'replace', path: '/nope', value: 1 }])), JsonPatchError);
  assert.throws(() => applyPatch(doc, parsePatch([{ op: 'add', path: '/foo/9', value: 1 }])), JsonPatchError);
  assert.throws(() => applyPatch(doc, parsePatch([{ op: 'replace', path: '/baz', value: 1 }, { op: 'remove', path: '/x' }])), JsonPatchError);
  assert.deepEqual(doc, before);
});

test('malformed documents are rejected before anything applies', () => {
  assert.throws(() => parsePatch({ op: 'add' }), /JSON array/);
  assert.throws(() => parsePatch([{ op: 'frobnicate', path: '/a' }]), /'op' must be/);
  assert.throws(() => parsePatch([{ op: 'add', path: '/a' }]), /needs 'value'/);
  assert.throws(() => parsePatch([{ op: 'move', path: '/a' }]), /needs 'from'/);
  assert.throws(() => parsePatch([{ op: 'add', path: 'a', value: 1 }]), /JSON pointer/);
  assert.deepEqual(parsePointer('/a~1b/c~0d'), ['a/b', 'c~d']);
});

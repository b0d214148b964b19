import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH } from './json-depth.js';
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

test('paths through __proto__, constructor or prototype are refused, naming the path', () => {
  for (const [op, message] of [
    [{ op: 'add', path: '/__proto__/polluted', value: true }, /operation 0: path '\/__proto__\/polluted' goes through '__proto__'/],
    [{ op: 'add', path: '/Doc/__proto__', value: { polluted: true } }, /'\/Doc\/__proto__'/],
    [{ op: 'replace', path: '/constructor/prototype/polluted', value: 1 }, /goes through 'constructor'/],
    [{ op: 'remove', path: '/a/prototype' }, /goes through 'prototype'/],
    [{ op: 'test', path: '/constructor', value: 1 }, /'constructor'/],
    [{ op: 'copy', from: '/__proto__', path: '/x' }, /path '\/__proto__' goes through/],
    [{ op: 'move', from: '/a', path: '/b/constructor' }, /'\/b\/constructor'/],
  ] as const) {
    assert.throws(() => parsePatch([op]), (e: Error) => e instanceof JsonPatchError && message.test(e.message), JSON.stringify(op));
  }
  // Whole tokens only: these name ordinary members.
  assert.ok(parsePatch([{ op: 'add', path: '/__proto__x', value: 1 }]));
  assert.ok(parsePatch([{ op: 'add', path: '/a~1__proto__', value: 1 }]), "one member named 'a/__proto__'");
});

test('even unchecked operations touch own members only, never a prototype', () => {
  const doc = { Doc: { a: 1 } };
  // applyPatch trusts its caller to have run parsePatch; it must still stay on own members.
  const out = applyPatch(doc, [{ op: 'add', path: '/Doc/__proto__', value: { polluted: true } }]);
  assert.equal(Object.getPrototypeOf(out.Doc), Object.prototype);
  assert.ok(Object.hasOwn(out.Doc, '__proto__'), 'a plain member, as JSON.parse would make it');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.throws(() => applyPatch(doc, [{ op: 'add', path: '/__proto__/polluted', value: true }]), /path does not exist/);
  assert.throws(() => applyPatch(doc, [{ op: 'replace', path: '/constructor', value: 1 }]), /path does not exist/);
  assert.throws(() => applyPatch(doc, [{ op: 'copy', from: '/toString', path: '/x' }]), /path does not exist/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // Values may hold such keys: JSON.parse makes them own data members, and so does the copy.
  const parsed = JSON.parse('[{"op":"add","path":"/v","value":{"__proto__":{"polluted":true}}}]') as unknown;
  const withKey = applyPatch<Record<string, Record<string, unknown>>>({}, parsePatch(parsed));
  assert.equal(withKey.v.polluted, undefined);
  assert.equal(JSON.stringify(withKey), '{"v":{"__proto__":{"polluted":true}}}');
});

test('no write may nest the document deeper than the limit', () => {
  const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });
  assert.deepEqual(applyPatch({}, parsePatch([{ op: 'add', path: '/a', value: deep(MAX_JSON_DEPTH - 1) }])), { a: deep(MAX_JSON_DEPTH - 1) });
  assert.throws(
    () => applyPatch({}, parsePatch([{ op: 'add', path: '/a', value: deep(MAX_JSON_DEPTH) }])),
    new RegExp(`'/a': the patched document would nest deeper than ${MAX_JSON_DEPTH} levels`),
  );
  // copy can nest a document inside itself; each write is checked, so the depth cannot run away.
  const grow = Array.from({ length: 200 }, () => ({ op: 'copy', from: '/a', path: '/a/a' }));
  assert.throws(() => applyPatch({ a: { a: 1 } }, parsePatch(grow)), /would nest deeper than/);
  assert.throws(() => applyPatch({ a: [] }, parsePatch([{ op: 'add', path: '/a/-', value: 1 }]), 1), /deeper than 1 levels/);
});

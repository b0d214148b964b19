import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, jsonText, toText } from './render-value.js';

test('toText: scalars as text, null as null, data as JSON', () => {
  assert.equal(toText('a'), 'a');
  assert.equal(toText(1.5), '1.5');
  assert.equal(toText(false), 'false');
  assert.equal(toText(null), 'null');
  assert.equal(toText({ a: [1, { b: null }] }), '{"a":[1,{"b":null}]}');
  assert.equal(toText(new Date(0)), '1970-01-01T00:00:00.000Z');
  assert.equal(toText(new String('boxed')), 'boxed');
});

test('toText refuses undefined and functions rather than printing them', () => {
  assert.throws(() => toText(undefined), /undefined/);
  assert.throws(() => toText(() => 1), /function/);
});

test('jsonText fails on what JSON cannot hold', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => jsonText(cyclic), /cannot be written as JSON/);
  assert.throws(() => jsonText(Symbol('s')), /cannot be written as JSON/);
  assert.equal(jsonText({ a: 1 }, 2), '{\n  "a": 1\n}');
});

test('canonicalJson sorts keys at every level', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: 1, c: [{ f: 1, e: 2 }] } }), '{"a":{"c":[{"e":2,"f":1}],"d":1},"b":1}');
});

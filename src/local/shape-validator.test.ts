import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TypeShapes } from '../providers/shape-types.js';
import { shapeProblems } from './shape-validator.js';

const shapes: TypeShapes = {
  root: { p: {} },
  types: { '1': { n: 'Tls', p: { ServerName: 's', Port: 'i' }, q: ['ServerName'] } },
};

test('nested problems are worded as Cloud Control words them', () => {
  const cases: [unknown, Parameters<typeof shapeProblems>[1], string[]][] = [
    [[{ Key: 'a', Value: 'b' }], { a: 't' }, []],
    [[{ Key: 'a' }], { a: 't' }, ['#/Tags/0: required key [Value] not found']],
    [{ Key: 'a', Value: 'b' }, { a: 't' }, ['#/Tags: expected type: JSONArray, found: JSONObject']],
    [{ ServerName: 'x', Port: 1.5 }, { r: '1' }, ['#/Tags/Port: expected type: Integer, found: BigDecimal']],
    [{ Port: 1, Extra: true }, { r: '1' }, ['#/Tags: extraneous key [Extra] is not permitted', '#/Tags: required key [ServerName] not found']],
    [{ a: 's', b: 2 }, { m: 's' }, ['#/Tags/b: expected type: String, found: Integer']],
    [{ any: [1, { x: null }] }, 'j', []],
    ['text', { u: ['j', 's'] }, []],
    [7, { u: ['s', 'b'] }, ['#/Tags: expected type: String, found: Integer']],
    // Names of Object.prototype's members are not properties of a nested type.
    [{ ServerName: 'x', constructor: 1 }, { r: '1' }, ['#/Tags: extraneous key [constructor] is not permitted']],
    [JSON.parse('[{"Key":"a","Value":"b","__proto__":{}}]'), { a: 't' }, ['#/Tags/0: extraneous key [__proto__] is not permitted']],
  ];
  for (const [value, shape, want] of cases) assert.deepEqual(shapeProblems(value, shape, '#/Tags', shapes), want, JSON.stringify(value));
});

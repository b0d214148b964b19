import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteBackend } from './sqlite-backend.js';
import { jsonEqual } from './functions.js';

test('jsonEqual ignores key order and whitespace, not array order', () => {
  assert.equal(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }), true);
  assert.equal(jsonEqual([1, 2], [2, 1]), false);
  assert.equal(jsonEqual({ a: null }, {}), false);
});

test("StackQL's helpers work in SQL", () => {
  const b = new SqliteBackend();
  const row = b.query(
    `SELECT json_equal('{"a":1,"b":2}', '{ "b": 2, "a": 1 }') AS eq, json_equal('[1,2]', '[2,1]') AS ne,
            string(42) AS s, skyql_identifier('api', 'int') AS id, skyql_identifier('api', NULL) AS none`,
  ).rows[0];
  assert.deepEqual(row, [1, 0, '42', 'api|int', null]);
  b.close();
});

test('declared column kinds come back as booleans and JSON flags', () => {
  const b = new SqliteBackend();
  b.createTable('t', [
    { name: 'flag', type: 'boolean', description: '' },
    { name: 'conf', type: 'object', description: '' },
  ]);
  b.insert('t', ['flag', 'conf'], [[1, '{"k":1}']]);
  const rs = b.query('SELECT flag, conf, flag + 0 AS n FROM t');
  assert.deepEqual(rs.rows, [[true, '{"k":1}', 1]]);
  assert.deepEqual(rs.columns, [{ name: 'flag' }, { name: 'conf', json: true }, { name: 'n' }]);
  b.close();
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../errors.js';
import { parseScript } from './parse.js';

test('metadata statements parse into skyql statements', () => {
  const [a, b, c, d, e] = parseScript(
    `SHOW PROVIDERS; SHOW SERVICES IN aws LIKE '%api%'; show resources in aws.apigatewayv2;
     SHOW METHODS IN aws.apigatewayv2.integrations; DESCRIBE EXTENDED aws.apigatewayv2.integrations`,
  );
  assert.equal(a.kind, 'show_providers');
  assert.deepEqual({ ...b, source: undefined, hints: undefined }, {
    kind: 'show_services',
    provider: 'aws',
    like: '%api%',
    extended: false,
    source: undefined,
    hints: undefined,
  });
  assert.equal(c.kind === 'show_resources' && c.service, 'apigatewayv2');
  assert.equal(d.kind === 'show_methods' && d.resource, 'integrations');
  assert.equal(e.kind === 'describe' && e.extended, true);
});

test('a SELECT exposes provider tables with pushable predicates', () => {
  const [s] = parseScript(
    `SELECT i.api_id FROM aws.apigatewayv2.apis a JOIN aws.apigatewayv2.integrations i ON a.api_id = i.api_id
     WHERE i.region IN ('us-east-1', 'eu-west-1') AND a.region = 'us-east-1' AND i.data__Identifier = 'x|y' AND a.name LIKE 'n%'`,
  );
  assert.equal(s.kind, 'select');
  if (s.kind !== 'select') return;
  const [apis, integrations] = s.query.tables;
  assert.equal(apis.resource, 'apis');
  assert.deepEqual(apis.predicates, [{ column: 'region', op: '=', values: ['us-east-1'] }]);
  assert.deepEqual(integrations.predicates, [
    { column: 'region', op: 'IN', values: ['us-east-1', 'eu-west-1'] },
    { column: 'data__identifier', op: '=', values: ['x|y'] },
  ]);
  assert.deepEqual([...apis.columns].sort(), ['api_id', 'name', 'region']);
});

test('binding rewrites provider tables and data__Identifier for SQLite', () => {
  const [s] = parseScript(`SELECT x::int FROM aws.apigatewayv2.integrations WHERE data__Identifier = 'a|b'`);
  if (s.kind !== 'select') throw new Error('select expected');
  const sql = s.query.toSqlite(new Map([[1, { table: 't1', identifierColumns: ['api_id', 'integration_id'], identifierNames: ['data__identifier'] }]]));
  assert.equal(
    sql,
    `SELECT CAST(x AS INT) FROM "t1" AS "integrations" WHERE skyql_identifier("integrations".api_id, "integrations".integration_id) = 'a|b'`,
  );
});

test('parse errors give the line, column and what was expected', () => {
  assert.throws(
    () => parseScript(`SELECT 1;\nSELECT api_id\nFROM aws.apigatewayv2.integrations WHERE region = 'x' AND`),
    (e: unknown) => {
      assert.ok(e instanceof ParseError);
      assert.equal(e.line, 3);
      assert.match(e.message, /line 3, column \d+ at the end of the statement: expected/);
      return true;
    },
  );
  assert.throws(() => parseScript('SHOW SERVICES aws'), /line 1, column 15: expected IN or FROM but found 'aws'/);
  assert.throws(() => parseScript('SELECT a FORM t'), /line 1, column 10 near 'FORM'|line 1, column \d+/);
});

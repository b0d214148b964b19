// `skyql srv` with node-postgres: the seed's queries over the simple and the extended
// protocol, parameters that stay data, type OIDs, SQLSTATEs, session settings.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { LIST_QUERY, queryError, startSrv, type SrvFixture } from './srv-harness.js';

const GET_QUERY =
  'SELECT region, api_id, integration_id, integration_type, integration_uri, request_parameters, timeout_in_millis ' +
  'FROM aws.apigatewayv2.integrations WHERE region = $1 AND data__Identifier = $2';

describe('skyql srv with node-postgres', () => {
  let f: SrvFixture;
  let c: pg.Client;
  before(async () => {
    f = await startSrv();
    c = await f.client();
  });
  after(() => f.close());

  test("the seed's list query: rows, column types, NULLs", async () => {
    const r = await c.query(LIST_QUERY + ' ORDER BY integration_id');
    assert.deepEqual(
      r.fields.map((x) => [x.name, x.dataTypeID]),
      [['api_id', 25], ['integration_id', 25], ['integration_type', 25], ['timeout_in_millis', 20]],
    );
    assert.equal(r.rowCount, 2);
    const expected = f.identifiers.map((id) => id.split('|')[1]).sort();
    assert.deepEqual(r.rows.map((row) => row.integration_id), expected);
    assert.ok(r.rows.every((row) => row.api_id === f.apiId && row.integration_type === 'HTTP_PROXY'));
    assert.deepEqual(r.rows.map((row) => row.timeout_in_millis).sort(), ['5000', '5001']); // int8 arrives as text in node-postgres
  });

  test('the get query with $1 parameters (extended protocol); json and NULL columns', async () => {
    const r = await c.query(GET_QUERY, ['us-east-1', f.identifiers[0]]);
    assert.equal(r.rowCount, 1);
    const row = r.rows[0];
    assert.equal(`${row.api_id}|${row.integration_id}`, f.identifiers[0]);
    assert.equal(row.integration_uri, 'https://example.com/0');
    assert.equal(r.fields.find((x) => x.name === 'request_parameters')!.dataTypeID, 114);
    assert.equal(row.request_parameters, null);
    // A named prepared statement, run twice with different values.
    for (const id of f.identifiers) {
      const p = await c.query({ name: 'get-integration', text: GET_QUERY, values: ['us-east-1', id] });
      assert.equal(`${p.rows[0].api_id}|${p.rows[0].integration_id}`, id);
    }
  });

  test("a parameter holding x' OR 1=1 -- stays data", async () => {
    const hostile = "x' OR 1=1 --";
    const listed = await c.query("SELECT integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = $1", [hostile]);
    assert.equal(listed.rowCount, 0, 'the OR 1=1 would have matched every integration');
    // As an identifier it reaches the cloud verbatim, as one value (and is not found).
    const calls = f.proxy.calls.length;
    const got = await c.query(GET_QUERY, ['us-east-1', hostile]);
    assert.equal(got.rowCount, 0);
    const made = f.proxy.calls.slice(calls);
    assert.deepEqual(made.map((call) => call.operation), ['GetResource']);
    assert.equal((await made[0].input).Identifier, hostile);
    // Backslashes and quotes in every position, read back unchanged.
    const odd = "a\\'b''c\\";
    assert.equal((await c.query('SELECT $1::text AS v', [odd])).rows[0].v, odd);
  });

  test('errors arrive with their SQLSTATE and the connection stays usable', async () => {
    const cases: [string, string][] = [
      ['SELEC api_id FROM aws.apigatewayv2.integrations', '42601'],
      ["SELECT nope FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'", '42703'],
      ["SELECT * FROM aws.apigatewayv2.integratoins WHERE region = 'us-east-1'", '42P01'],
      ['SELECT api_id FROM aws.apigatewayv2.integrations', '22023'],
      ["DELETE FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'", '0A000'],
      ['SELECT * FROM pg_catalog.pg_class', '42P01'],
      ["SET skyql.var.x = '1'; SELECT '{{ y }}'", '22023'],
      ["SELECT '{{ x '", '42601'],
    ];
    for (const [sql, code] of cases) {
      const e = await queryError(c, sql);
      assert.equal(e.code, code, `${sql}: ${e.message}`);
      assert.doesNotMatch(e.message, /\n\s+at /, 'no stack traces');
    }
    const syntax = await queryError(c, 'SELECT api_id FORM aws.apigatewayv2.integrations');
    // The parser's column becomes Postgres' position, which psql draws a caret under.
    assert.equal(syntax.position, /column (\d+)/.exec(syntax.message)?.[1]);
    const missing = await queryError(c, 'SELECT api_id FROM aws.apigatewayv2.integrations');
    assert.match(missing.hint ?? '', /WHERE region = 'us-east-1'/);
    assert.equal((await c.query('SELECT 1 AS one')).rows[0].one, 1);
  });

  test('statements in one Query message are checked together before any runs', async () => {
    const before = await f.cloud.requests();
    const e = await queryError(
      c,
      `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('never', 'HTTP', 'us-east-1');
       SELECT nope FROM aws.apigatewayv2.apis WHERE region = 'us-east-1'`,
    );
    assert.equal(e.code, '42703');
    assert.equal(await f.cloud.requests(), before, 'the INSERT was not sent');
  });

  test('SET skyql.var.NAME feeds {{ NAME }}, escaped for where it lands; RESET removes it', async () => {
    await c.query(`SET skyql.var.ApiId = '${f.apiId}'`);
    const r = await c.query("SELECT count(*) AS n FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = '{{ ApiId }}'");
    assert.equal(r.rows[0].n, '2');
    await c.query("SET skyql.var.ApiId = 'x'' OR 1=1 --'");
    const hostile = await c.query("SELECT count(*) AS n FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = '{{ ApiId }}'");
    assert.equal(hostile.rows[0].n, '0');
    assert.equal((await c.query('SHOW skyql.var.ApiId')).rows[0]['skyql.var.ApiId'], "x' OR 1=1 --");
    await c.query('RESET skyql.var.ApiId');
    assert.equal((await queryError(c, "SELECT api_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = '{{ ApiId }}'")).code, '22023');
    // Sessions are separate: another client never saw the variable.
    await c.query("SET skyql.var.only_here = 'a'");
    const other = await f.client();
    assert.equal((await queryError(other, 'SHOW skyql.var.only_here')).code, '42704');
  });

  test('what drivers and tools ask on connect is answered without the engine', async () => {
    const calls = f.proxy.calls.length;
    const v = await c.query('SELECT version()');
    assert.match(v.rows[0].version, /^PostgreSQL 16\.\d+ \(skyql/);
    assert.match((await c.query('SHOW server_version')).rows[0].server_version, /^16\.\d+ \(skyql/);
    await c.query("SET client_encoding = 'UTF8'");
    await c.query('SET DateStyle = ISO');
    await c.query("SET application_name = 'srv-test'");
    assert.equal((await c.query("SELECT current_setting('application_name') AS a")).rows[0].a, 'srv-test');
    assert.equal((await c.query('SHOW transaction isolation level')).rows[0].transaction_isolation, 'read committed');
    assert.equal((await c.query('SELECT pg_catalog.current_schema(), current_user')).rows[0].current_user, 'tester');
    await c.query('BEGIN');
    await c.query('COMMIT');
    assert.equal((await queryError(c, 'SET no_such_setting = 1')).code, '42704');
    assert.equal((await queryError(c, "SET standard_conforming_strings = 'off'")).code, '0A000');
    assert.equal(f.proxy.calls.length, calls, 'no Cloud Control call');
  });
});

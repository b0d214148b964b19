import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLocal } from './local-answers.js';
import { parseLocalStatement } from './local-statements.js';
import { Settings, type ServerDefaults } from './settings.js';

const defaults: ServerDefaults = { serverVersion: '16.0 (skyql)', await: false, dryRun: false, allowUnbounded: false, concurrency: 10, statementTimeoutMs: 0, vars: { region: 'us-east-1' } };

function run(sql: string, settings = new Settings(defaults, 'me')) {
  const stmt = parseLocalStatement(sql);
  assert.ok(stmt, `${sql} is answered locally`);
  return runLocal(stmt, { settings, user: 'me', database: 'db', pid: 42, deallocate: () => true, discard: () => undefined });
}

test("skyql's own SHOW and anything with a table go to the engine", () => {
  for (const sql of ['SHOW SERVICES IN aws', 'SHOW PROVIDERS', 'SHOW EXTENDED RESOURCES IN aws.ec2', 'SELECT 1 FROM aws.ec2.vpcs', 'SELECT upper(name) FROM t', 'SELECT now()', 'INSERT INTO t VALUES (1)']) {
    assert.equal(parseLocalStatement(sql), undefined, sql);
  }
});

test('SET / SHOW / RESET, with Postgres spellings', () => {
  const s = new Settings(defaults, 'me');
  run("SET application_name TO 'psql'", s);
  run("SET SESSION TIME ZONE 'Europe/Paris'", s);
  run('SET search_path = a, "B"', s);
  run("SET statement_timeout = '5s'", s);
  run('set skyql.var.ApiId = \'a1\'', s);
  assert.deepEqual(run('SHOW application_name', s).rows, [['psql']]);
  assert.deepEqual(run('SHOW TIME ZONE', s).columns, [{ name: 'TimeZone', oid: 25 }]);
  assert.deepEqual(run('SHOW search_path', s).rows, [['a, B']]);
  assert.equal(s.statementTimeoutMs(), 5000);
  assert.deepEqual(s.templateVars(), { region: 'us-east-1', ApiId: 'a1' });
  run('RESET skyql.var.ApiId', s);
  run('RESET ALL', s);
  assert.deepEqual(run('SHOW application_name', s).rows, [['']]);
  assert.deepEqual(s.templateVars(), { region: 'us-east-1' });
});

test('session engine options never looser than the server: dry run stays on, unbounded stays off, concurrency capped', () => {
  const s = new Settings({ ...defaults, dryRun: true }, 'me');
  assert.throws(() => run('SET skyql.dry_run = off', s), /cannot turn it off/);
  assert.throws(() => run('SET skyql.allow_unbounded = on', s), /--allow-unbounded/);
  assert.throws(() => run('SET skyql.concurrency = 11', s), /from 1 to 10/);
  run('SET skyql.await = on', s);
  run('SET skyql.concurrency = 2', s);
  assert.deepEqual(s.engine(), { await: true, dryRun: true, allowUnbounded: false, concurrency: 2 });
  const capped = new Settings({ ...defaults, statementTimeoutMs: 1000 }, 'me');
  run('SET statement_timeout = 0', capped);
  assert.equal(capped.statementTimeoutMs(), 1000);
  run("SET statement_timeout = '200ms'", capped);
  assert.equal(capped.statementTimeoutMs(), 200);
});

test('the probes drivers send: version(), current_setting, set_config, SELECT 1, transactions', () => {
  assert.match(String(run('SELECT version()').rows[0][0]), /^PostgreSQL 16\.0/);
  assert.deepEqual(run('select 1').columns, [{ name: '?column?', oid: 23 }]);
  assert.deepEqual(run("SELECT current_setting('server_version_num') AS v, pg_catalog.current_database(), pg_backend_pid()").rows, [['160000', 'db', 42]]);
  assert.deepEqual(run("SELECT current_setting('nope', true)").rows, [[null]]);
  assert.throws(() => run("SELECT current_setting('nope')"), /unrecognized configuration parameter "nope"/);
  const s = new Settings(defaults, 'me');
  assert.deepEqual(run("SELECT set_config('application_name', 'x', false)", s).rows, [['x']]);
  assert.deepEqual(run('SHOW application_name', s).rows, [['x']]);
  assert.match(run('BEGIN').notices[0].message, /no transactions/);
  assert.equal(run('COMMIT').tag, 'COMMIT');
  assert.throws(() => run('SET server_version = 1'), /cannot be changed/);
  assert.throws(() => run('SET bogus = 1'), /unrecognized configuration parameter/);
  assert.throws(() => run("SET client_encoding = 'LATIN1'"), /UTF8 only/);
});

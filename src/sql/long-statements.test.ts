// Long scripts and long statements cost time in proportion to their length: no step
// rescans what came before, and nothing recurses once per row of a VALUES list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForGrammar } from './library-ast.js';
import { parseScript } from './parse.js';
import { splitStatements } from './split-statements.js';
import type { InsertStatement } from './write-statements.js';

function valuesInsert(rows: number): string {
  const tuples: string[] = [];
  for (let i = 0; i < rows; i++) tuples.push(`('api-${i}', 'HTTP', 'us-east-1')`);
  return `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ${tuples.join(', ')}`;
}

function insertOf(script: string): InsertStatement {
  const [s] = parseScript(script);
  assert.equal(s.kind, 'insert');
  return s as InsertStatement;
}

/** CPU time of `f`, in ms: what the work costs, whatever else the machine is doing. */
function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

test('VALUES rows stay one VALUES list for SQLite, printed once per row', () => {
  const insert = insertOf(valuesInsert(3));
  assert.equal(
    insert.rows.toSqlite(new Map()),
    `VALUES ('api-0','HTTP','us-east-1'), ('api-1','HTTP','us-east-1'), ('api-2','HTTP','us-east-1')`,
  );
  // A subquery in a row is still a provider table to read, bound like any other.
  const sub = insertOf(
    `INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationType, region) VALUES ((SELECT api_id FROM aws.apigatewayv2.apis WHERE region = 'us-east-1' AND name = 'a'), 'HTTP'::text, 'us-east-1')`,
  );
  assert.deepEqual(
    sub.rows.tables.map((t) => t.resource),
    ['apis'],
  );
  assert.equal(
    sub.rows.toSqlite(new Map([[1, { table: 't1', identifierColumns: ['api_id'], identifierNames: ['data__identifier'] }]])),
    `VALUES ((SELECT api_id FROM "t1" AS "apis" WHERE region = 'us-east-1' AND name = 'a'),CAST('HTTP' AS TEXT),'us-east-1')`,
  );
});

test('parsing grows linearly with the rows of a VALUES list', () => {
  // Sizes where quadratic work shows plainly (it took 19 s at 16,000 rows) yet the test stays quick.
  const small = valuesInsert(2_500);
  const large = valuesInsert(10_000);
  const cost = (text: string) => cpuMs(() => insertOf(text).rows.toSqlite(new Map()));
  cost(valuesInsert(1_000)); // load the parser and warm it up
  // The least of two runs: a garbage collection inside one run says nothing about the code.
  const a = Math.min(cost(small), cost(small));
  const b = Math.min(cost(large), cost(large));
  // Four times the rows: about four times the work. Quadratic would be sixteen.
  assert.ok(b / a < 8, `2,500 rows: ${a.toFixed(0)} ms, 10,000 rows: ${b.toFixed(0)} ms`);
});

test('splitting many statements positions each one in a single pass', () => {
  const one = (n: number) => Array.from({ length: n }, (_, i) => `SELECT ${i}`).join('; ');
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `SELECT ${i};`).join('\n');
  const parts = splitStatements(one(50_000));
  assert.equal(parts.length, 50_000);
  assert.deepEqual([parts[49_999].line, parts[49_999].column, parts[49_999].text], [1, one(49_999).length + 3, 'SELECT 49999']);
  const byLine = splitStatements(lines(50_000));
  assert.deepEqual([byLine[49_999].line, byLine[49_999].column], [50_000, 1]);
  splitStatements(one(1_000));
  const a = Math.min(cpuMs(() => splitStatements(one(20_000))), cpuMs(() => splitStatements(one(20_000))));
  const b = Math.min(cpuMs(() => splitStatements(one(80_000))), cpuMs(() => splitStatements(one(80_000))));
  assert.ok(b / a < 8, `20,000 statements: ${a.toFixed(1)} ms, 80,000: ${b.toFixed(1)} ms`);
});

test('positions and hints survive the one-pass split', () => {
  const parts = splitStatements(`SELECT 'a;\nb';  SELECT 2;\n  /*+ AWAIT */ INSERT INTO t SELECT 1; -- x;\n`);
  assert.deepEqual(
    parts.map((p) => [p.line, p.column, p.text.replace(/\s+/g, ' ')]),
    [
      [1, 1, `SELECT 'a;\nb'`.replace(/\s+/g, ' ')],
      [2, 6, 'SELECT 2'],
      [3, 16, 'INSERT INTO t SELECT 1'],
    ],
  );
  assert.deepEqual(parts[2].hints, [{ name: 'await', args: {} }]);
});

test('normalizing leaves an unclosed quote for the grammar to report', () => {
  assert.equal(normalizeForGrammar(`SELECT 'C:\\open`), `SELECT 'C:\\\\open`);
  assert.equal(normalizeForGrammar('SELECT `open'), 'SELECT "open');
  assert.throws(() => parseScript(`SELECT 'open`), /syntax error/);
  assert.equal(normalizeForGrammar(`SELECT x AS\n  'y', 'z' FROM t`), `SELECT x AS\n  "y", 'z' FROM t`);
  assert.equal(normalizeForGrammar(`SELECT 'a' ALIAS 'b', has 'c'`), `SELECT 'a' ALIAS 'b', has 'c'`);
});

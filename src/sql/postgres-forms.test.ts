import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../errors.js';
import { normalizeForGrammar } from './library-ast.js';
import { parseScript } from './parse.js';
import { parseArrayLiteral } from './postgres-forms.js';
import type { SelectQuery } from './select-query.js';

function query(sql: string): SelectQuery {
  const [s] = parseScript(sql);
  if (s.kind !== 'select') throw new Error('select expected');
  return s.query;
}

/** The residual SQLite text with one bound table; its columns known when `columns` is given. */
function sqlite(sql: string, columns?: string[]): string {
  // Not an object literal in the call: TableBinding's fields are being extended elsewhere.
  const binding = { table: 't1', identifierColumns: ['vpc_id'], identifierNames: ['data__identifier'], ...(columns ? { columns } : {}) };
  return query(sql).toSqlite(new Map([[1, binding]]));
}

test('IS [NOT] DISTINCT FROM becomes SQLite IS NOT / IS, same length, back to Postgres in text()', () => {
  const sql = `SELECT a FROM t WHERE a IS DISTINCT FROM b AND c is not\n  distinct from 'x' AND d IS NOT NULL`;
  const normalized = normalizeForGrammar(sql);
  assert.equal(normalized.length, sql.length);
  assert.equal(normalized.split('\n').length, 2);
  assert.match(normalized, /a IS NOT\s+b AND c IS\s+'x' AND d IS NOT NULL/);
  assert.equal(normalizeForGrammar(`SELECT 'IS DISTINCT FROM' -- IS DISTINCT FROM`), `SELECT 'IS DISTINCT FROM' -- IS DISTINCT FROM`);
  const q = `SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'us-east-1' AND cidr_block IS DISTINCT FROM '10.0.0.0/16' AND vpc_id IS NOT DISTINCT FROM lower(x) AND y IS NULL`;
  assert.match(sqlite(q), /"vpcs".cidr_block IS NOT '10\.0\.0\.0\/16' AND "vpcs".vpc_id IS lower\(x\) AND y IS NULL|cidr_block IS NOT '10\.0\.0\.0\/16' AND vpc_id IS lower\(x\) AND y IS NULL/);
  assert.match(query(q).text(), /cidr_block IS DISTINCT FROM '10\.0\.0\.0\/16' AND vpc_id IS NOT DISTINCT FROM lower\(x\) AND y IS NULL/);
});

test('= ANY(…) and <> ALL(…) become IN lists the planner pushes down', () => {
  const q = query(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = ANY(ARRAY['us-east-1', 'eu-west-1']) AND vpc_id = ANY('{vpc-1, "vpc,2", NULL}')`);
  assert.deepEqual(q.tables[0].predicates, [
    { column: 'region', op: 'IN', values: ['us-east-1', 'eu-west-1'] },
    { column: 'vpc_id', op: 'IN', values: ['vpc-1', 'vpc,2', null] },
  ]);
  assert.match(sqlite(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'r' AND cidr_block <> ALL(ARRAY['a', 'b'])`), /cidr_block NOT IN \('a', 'b'\)/);
  assert.match(sqlite(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'r' AND n > ANY(ARRAY[1, 2])`), /\(n > 1 OR n > 2\)/);
  assert.match(sqlite(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'r' AND n < ALL(ARRAY[1, 2])`), /\(n < 1 AND n < 2\)/);
  assert.match(sqlite(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'r' AND vpc_id = ANY(SELECT 'x')`), /vpc_id IN \(SELECT 'x'\)/);
  assert.throws(() => query(`SELECT 1 FROM aws.ec2.vpcs WHERE region = 'r' AND x = ANY(tags)`), (e: Error) => e instanceof ParseError && /x = ANY\(…\)|= ANY\(…\) takes ARRAY\[…\]/.test(e.message) && /json_each/.test(e.message));
  assert.throws(() => query(`SELECT 1 FROM aws.ec2.vpcs WHERE region = 'r' AND x = ANY('{{a}}')`), /malformed array literal '\{\{a\}\}': nested arrays are not supported/);
});

test("Postgres array literals: quoted elements, escapes, NULL, and what is refused", () => {
  assert.deepEqual(parseArrayLiteral('{}'), []);
  assert.deepEqual(parseArrayLiteral(' { a , "b c" , "d\\"e", null, "NULL" } '), ['a', 'b c', 'd"e', null, 'NULL']);
  assert.throws(() => parseArrayLiteral('a,b'), /must start with \{ and end with \}/);
  assert.throws(() => parseArrayLiteral('{a,,b}'), /an empty element/);
  assert.throws(() => parseArrayLiteral('{"a}'), /an unclosed "/);
});

test('ILIKE becomes skyql_ilike (with its ESCAPE); plain LIKE stays SQLite LIKE', () => {
  const out = sqlite(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = 'r' AND a ILIKE 'x%' AND b NOT ILIKE 'y!%' ESCAPE '!' AND c LIKE 'z%'`);
  assert.match(out, /skyql_ilike\(a, 'x%'\) AND NOT skyql_ilike\(b, 'y!%', '!'\) AND c LIKE 'z%'/);
});

test('DISTINCT ON keeps the first row of each group in ORDER BY order, through ROW_NUMBER()', () => {
  const out = sqlite(`SELECT DISTINCT ON (region) region, vpc_id AS id, upper(cidr_block) FROM aws.ec2.vpcs WHERE region = 'r' ORDER BY region, 3 DESC LIMIT 5`);
  assert.match(out, /^SELECT __skyql_c1 AS "region", __skyql_c2 AS "id", __skyql_c3 AS "upper\(cidr_block\)" FROM \(SELECT /);
  assert.match(out, /row_number\(\) OVER \(PARTITION BY region ORDER BY region ASC NULLS LAST, upper\(cidr_block\) DESC NULLS FIRST\) AS "__skyql_rn"/);
  assert.match(out, /WHERE __skyql_rn = 1 ORDER BY __skyql_o1 ASC, __skyql_o2 DESC LIMIT 5$/);
  assert.throws(() => sqlite(`SELECT DISTINCT ON (region) * FROM aws.ec2.vpcs WHERE region = 'r'`), /DISTINCT ON \(…\) \* cannot be rewritten for SQLite: list the columns/);
  assert.throws(() => sqlite(`SELECT DISTINCT ON (4) region FROM aws.ec2.vpcs WHERE region = 'r'`), /position 4 is not in the select list/);
});

test('a double-quoted string is a string unless it names a column or alias', () => {
  // Not a word: never a catalog column, so decided at parse time (and pushed down).
  const q = query(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = "us-east-1" AND cidr_block LIKE "10.%"`);
  assert.deepEqual(q.tables[0].predicates, [{ column: 'region', op: '=', values: ['us-east-1'] }]);
  assert.match(sqlite(`SELECT vpc_id FROM aws.ec2.vpcs WHERE region = "us-east-1" AND cidr_block LIKE "10.%"`), /region = 'us-east-1' AND cidr_block LIKE '10\.%'/);
  // A backquoted name is a name, as in MySQL and StackQL.
  assert.match(sqlite('SELECT `us-east-1` FROM aws.ec2.vpcs WHERE region = "r" AND `Name` = 1', ['region']), /SELECT "us-east-1" FROM .* WHERE region = 'r' AND "Name" = 1/);
  // An alias keeps its name.
  assert.match(sqlite(`SELECT cidr_block AS "the cidr" FROM aws.ec2.vpcs WHERE region = 'r' ORDER BY "the cidr"`), /ORDER BY "the cidr"/);
  // A word: a column when the table has it, a string when it names nothing (once the columns are known).
  const words = `SELECT "vpc_id", "Name" AS n, "it's" FROM aws.ec2.vpcs WHERE region = 'r' AND "tag_key" = "Name"`;
  assert.match(sqlite(words, ['vpc_id', 'tag_key', 'region']), /SELECT "vpc_id", 'Name' AS "n", 'it''s' AS "it's" FROM "t1" AS "vpcs" WHERE region = 'r' AND "tag_key" = 'Name'/);
  assert.match(sqlite(words), /"Name" AS "n"/);
  // json_each's columns are SQLite's: "value" is one, "Name" is not.
  assert.match(sqlite(`SELECT "value" FROM aws.ec2.vpcs, json_each(tags) WHERE region = 'r' AND "Name" = 'x'`, ['tags', 'region']), /SELECT "value" .* AND 'Name' = 'x'/);
  // Another table function's columns are not known: names stay names there.
  assert.match(sqlite(`SELECT "Name" FROM aws.ec2.vpcs, generate_series(1, 3) WHERE region = 'r'`, ['tags', 'region']), /SELECT "Name"/);
});

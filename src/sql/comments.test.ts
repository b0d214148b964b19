import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScript } from './parse.js';
import { blankComments } from './split-statements.js';
import type { Statement } from './statement.js';

/** The RETURNING a write carries, as `*` or its column names (with aliases). */
function returningOf(s: Statement): string[] | undefined {
  if (s.kind !== 'insert' && s.kind !== 'update' && s.kind !== 'delete') throw new Error(`a write expected, got ${s.kind}`);
  if (!s.returning) return undefined;
  return s.returning.all ? ['*'] : s.returning.columns.map((c) => (s.returning!.aliases[c.toLowerCase()] ? `${c} AS ${s.returning!.aliases[c.toLowerCase()]}` : c));
}

const INSERT = `INSERT INTO awscc.s3.buckets (BucketName, region) SELECT 'b1', 'us-east-1'`;
const UPDATE = `UPDATE awscc.s3.buckets SET PatchDocument = '[]' WHERE Identifier = 'b1' AND region = 'us-east-1'`;
const DELETE = `DELETE FROM awscc.s3.buckets WHERE Identifier = 'b1' AND region = 'us-east-1'`;

test('comments before, inside and after INSERT … SELECT … RETURNING leave RETURNING to the write', () => {
  const cases: [string, string[]][] = [
    [`/* create */ ${INSERT} RETURNING *`, ['*']],
    [`-- source: https://example.com/x.iql\n${INSERT}\nRETURNING *`, ['*']],
    [`${INSERT} RETURNING Identifier -- id`, ['Identifier']],
    [`${INSERT} RETURNING Identifier /* id */`, ['Identifier']],
    [`-- a\n/* b */\n${INSERT} -- values\nRETURNING /* what */ Identifier, /* and */ OperationStatus AS status -- end`, ['Identifier', 'OperationStatus AS status']],
    [`${INSERT}\n-- only a comment after the statement`, []],
  ];
  for (const [text, want] of cases) {
    const [s] = parseScript(text);
    assert.equal(s.kind, 'insert', text);
    assert.deepEqual(returningOf(s) ?? [], want, text);
    if (s.kind === 'insert') assert.deepEqual(s.columns, ['BucketName', 'region'], text);
  }
});

test('comments around UPDATE and DELETE with RETURNING, in a script of several statements', () => {
  const script = [
    `-- source: stackql-deploy example`,
    `SELECT 1 AS a;`,
    `-- next: create`,
    `${INSERT}`,
    `RETURNING *; -- after the first write`,
    `/* patch it */ ${UPDATE} RETURNING RequestToken -- token`,
    `;`,
    `-- and remove it`,
    `${DELETE}`,
    `RETURNING OperationStatus /* status */;`,
  ].join('\n');
  const [sel, ins, upd, del] = parseScript(script);
  assert.equal(sel.kind, 'select');
  assert.deepEqual(returningOf(ins), ['*']);
  assert.deepEqual(returningOf(upd), ['RequestToken']);
  assert.deepEqual(returningOf(del), ['OperationStatus']);
  // A statement starts at the comment before it (the one after the last `;`).
  assert.deepEqual([ins.source.line, upd.source.line, del.source.line], [3, 5, 8], 'positions are still the script’s');
});

test('hints stay hints when comments surround the statement', () => {
  const [s] = parseScript(`-- source: x\n/*+ create */\n/* plain */ INSERT /*+ AWAIT */ INTO awscc.s3.buckets (BucketName, region)\nSELECT 'b1', 'us-east-1'\nRETURNING Identifier -- id\n;`);
  assert.deepEqual(s.hints.map((h) => h.name), ['create', 'await']);
  assert.deepEqual(returningOf(s), ['Identifier']);
});

test("comment markers inside quotes are values, not comments", () => {
  const [s] = parseScript(`INSERT INTO awscc.s3.buckets (BucketName, region) SELECT 'a--b /* c */', 'us-east-1' RETURNING *`);
  assert.deepEqual(returningOf(s), ['*']);
  if (s.kind !== 'insert') return;
  assert.match(s.rows.text(), /'a--b \/\* c \*\/'/);
  // A RETURNING inside a string is not the statement's.
  const [t] = parseScript(`INSERT INTO awscc.s3.buckets (BucketName, region) SELECT 'x RETURNING *', 'us-east-1' -- RETURNING *`);
  assert.equal(returningOf(t), undefined);
});

test('blankComments keeps offsets and newlines, and quoted text whole', () => {
  const text = `-- a\nSELECT '--x' /* b\nc */ FROM "t--" -- d`;
  const blank = blankComments(text);
  assert.equal(blank.length, text.length);
  assert.equal(blank, `    \nSELECT '--x'     \n     FROM "t--"     `);
});

test('a SHOW or DESCRIBE after a comment line is still a metadata statement', () => {
  const [a, b] = parseScript(`-- source: https://stackql.io\nDESCRIBE awscc.s3.buckets; /* list */ SHOW METHODS IN awscc.s3.buckets -- end`);
  assert.equal(a.kind, 'describe');
  assert.equal(b.kind, 'show_methods');
});

test('a fix hint for an UPDATE with a leading comment line is runnable on one line', () => {
  const [u] = parseScript(`-- patch it\nUPDATE awscc.s3.buckets SET PatchDocument = '[]' WHERE Identifier = 'b1'`);
  if (u.kind !== 'update') throw new Error('update expected');
  assert.equal(u.targets.fixedBy?.('region', 'us-east-1'), `UPDATE awscc.s3.buckets SET PatchDocument = '[]' WHERE Identifier = 'b1' AND region = 'us-east-1'`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHint, splitStatements } from './split-statements.js';

test('splits on top-level semicolons only', () => {
  const parts = splitStatements(`SELECT 'a;b' FROM t; -- c;\nSELECT "x;y" /* ; */ FROM u;\n\n  `);
  assert.deepEqual(
    parts.map((p) => p.text),
    [`SELECT 'a;b' FROM t`, `-- c;\nSELECT "x;y" /* ; */ FROM u`],
  );
});

test('records each statement position and lifts hints', () => {
  const [a, b] = splitStatements(`SELECT 1;\n/*+ create */\nINSERT /*+ AWAIT */ INTO t SELECT 1;`);
  assert.deepEqual([a.line, a.column], [1, 1]);
  assert.deepEqual([b.line, b.column], [3, 1]);
  assert.deepEqual(
    b.hints.map((h) => h.name),
    ['create', 'await'],
  );
  assert.ok(!b.text.includes('AWAIT'));
});

test('hint arguments attach to the hint before them', () => {
  assert.deepEqual(parseHint(' statecheck, retries=5, retry_delay=5 '), [
    { name: 'statecheck', args: { retries: '5', retry_delay: '5' } },
  ]);
});

test('a script of only comments has no statements', () => {
  assert.deepEqual(splitStatements('-- nothing\n/* here */'), []);
});

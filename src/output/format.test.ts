import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatResult } from './format.js';
import { fitWidths } from './format-table.js';
import type { ResultSet } from '../contracts/result-set.js';

const rs: ResultSet = {
  columns: [{ name: 'name' }, { name: 'conf', json: true }, { name: 'n' }],
  rows: [
    ['a,b', '{"k":[1,2]}', 3],
    ['say "hi"\nthere', null, null],
  ],
};

test('csv is RFC 4180: CRLF, quoted commas, quotes and newlines', () => {
  assert.equal(
    formatResult(rs, 'csv'),
    'name,conf,n\r\n"a,b","{""k"":[1,2]}",3\r\n"say ""hi""\nthere",,\r\n',
  );
});

test('json is an array of row objects with JSON columns nested', () => {
  assert.deepEqual(JSON.parse(formatResult(rs, 'json')), [
    { name: 'a,b', conf: { k: [1, 2] }, n: 3 },
    { name: 'say "hi"\nthere', conf: null, n: null },
  ]);
});

test('jsonl is one JSON object per line', () => {
  const lines = formatResult(rs, 'jsonl').trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.deepEqual(JSON.parse(lines[0]), { name: 'a,b', conf: { k: [1, 2] }, n: 3 });
});

test('text is tab-separated, one line per row', () => {
  assert.equal(formatResult(rs, 'text'), 'name\tconf\tn\na,b\t{"k":[1,2]}\t3\nsay "hi"\\nthere\t\t\n');
});

test('table aligns columns and fits the width given', () => {
  const wide: ResultSet = { columns: [{ name: 'id' }, { name: 'doc' }], rows: [['1', 'x'.repeat(200)]] };
  const out = formatResult(wide, 'table', 60);
  for (const line of out.trimEnd().split('\n')) assert.ok([...line].length <= 60, line);
  assert.match(out, /x…/);
  assert.equal(formatResult(wide, 'table').split('\n')[1].length, 209);
});

test('fitWidths shrinks the widest column first', () => {
  assert.deepEqual(fitWidths([10, 50], 40), [10, 23]);
  assert.deepEqual(fitWidths([5, 5], 100), [5, 5]);
});

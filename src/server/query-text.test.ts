import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parameterLiterals } from './parameters.js';
import { parameterCount, splitPieces, substituteParameters } from './query-text.js';

test('statements split on top-level ; only, comments-only pieces dropped, hints kept', () => {
  const sql = "SET a = 'x;y'; /* ; */ -- ;\nSELECT \";\" FROM t /*+ AWAIT */ ;; -- end";
  assert.deepEqual(
    splitPieces(sql).map((p) => p.text),
    ["SET a = 'x;y'", '/* ; */ -- ;\nSELECT ";" FROM t /*+ AWAIT */'],
  );
  assert.deepEqual(splitPieces('  -- nothing\n/* at all */ ; '), []);
});

test('$n is found in code only', () => {
  assert.equal(parameterCount("SELECT $1, '$2', \"$3\", a$4 -- $5\n /* $6 */ FROM t WHERE x = $2"), 2);
});

test('a parameter becomes one literal whatever it holds', () => {
  const hostile = ["x' OR 1=1 --", "a\\'b", '*/ DROP', '$1', '{{ secret }}'];
  for (const v of hostile) {
    const sql = substituteParameters('SELECT a FROM t WHERE b = $1 AND c = $1', parameterLiterals([Buffer.from(v)], [], []));
    const literal = `'${v.replace(/'/g, "''")}'`;
    assert.equal(sql, `SELECT a FROM t WHERE b = ${literal} AND c = ${literal}`);
    // Read back by the same lexer: the statement is still one statement with no new parameter.
    assert.equal(splitPieces(sql).length, 1);
    assert.equal(parameterCount(sql), 0);
  }
});

test('numbers only when the type is declared numeric; NULL; negatives cannot make a comment', () => {
  const int8 = 20;
  assert.deepEqual(parameterLiterals([Buffer.from('42'), Buffer.from('42'), null], [int8, 0, int8], []), ['42', "'42'", 'NULL']);
  assert.equal(substituteParameters('SELECT 1 -$1', parameterLiterals([Buffer.from('-1')], [int8], [])), 'SELECT 1 - (-1)');
  assert.throws(() => parameterLiterals([Buffer.from('1; DROP')], [int8], []), /invalid input syntax/);
  assert.deepEqual(parameterLiterals([Buffer.from([0, 0, 0, 7])], [23], [1]), ['7']);
});

test('forms other lexers read differently refuse parameters; a missing one is named', () => {
  for (const sql of ["SELECT E'\\'' || $1", 'SELECT $$x$$, $1', 'SELECT /* /* */ $1 */ 1', "SELECT U&'x' || $1"]) {
    assert.throws(() => substituteParameters(sql, ["'v'"]), /cannot be used in a statement with/, sql);
  }
  assert.throws(() => substituteParameters('SELECT $2', ["'a'"]), /there is no parameter \$2/);
  assert.throws(() => parameterLiterals([Buffer.from([0xff])], [], []), /invalid byte sequence/);
});

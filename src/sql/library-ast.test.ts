import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForGrammar } from './library-ast.js';

test('quoted aliases become identifiers; literals, comments and backslashes are kept', () => {
  const cases: [string, string][] = [
    [`SELECT group_id as 'security_group_id' FROM t`, `SELECT group_id as "security_group_id" FROM t`],
    ['SELECT `a b` FROM t', 'SELECT "a b" FROM t'],
    [`SELECT 'AS' AS c, 'x' FROM t WHERE n = 'AS'`, `SELECT 'AS' AS c, 'x' FROM t WHERE n = 'AS'`],
    [String.raw`SELECT 'C:\temp'`, String.raw`SELECT 'C:\\temp'`],
    [`SELECT 1 -- it's AS 'q'\nFROM t`, `SELECT 1 -- it's AS 'q'\nFROM t`],
    [`SELECT 'it''s' AS 'a''b'`, `SELECT 'it''s' AS "a'b"`],
  ];
  for (const [input, want] of cases) assert.equal(normalizeForGrammar(input), want, input);
});

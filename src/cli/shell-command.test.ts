import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatementEndScanner } from '../sql/split-statements.js';
import { isComplete } from './shell-command.js';

test('a statement is complete at a ; outside quotes and comments', () => {
  const cases: [string, boolean][] = [
    ['SELECT 1;', true],
    ['SELECT 1', false],
    ["SELECT 'a;'", false],
    ["SELECT 'a;' ;  ", true],
    ["SELECT 'it''s';", true],
    ['SELECT 1 -- done;', false],
    ['SELECT 1 /* ; */', false],
    ["SELECT 'open;", false],
    ['SELECT 1; -- a comment after it', true],
    ['SELECT 1; /* and */ ', true],
    ['SELECT 1; -', false],
    ['SELECT 1; /', false],
    ['SELECT 1;/**/', true],
    ['SELECT 1 /* ; **/ ;', true],
    ['SELECT `a;', false],
    ['SELECT `a;b`;', true],
    ['SELECT "x"";";', true],
    ['SELECT 2 - 1;', true],
    ['SELECT 4 / 2;', true],
  ];
  for (const [text, want] of cases) assert.equal(isComplete(text), want, text);
});

test('fed line by line, the answer is the same as for the whole text', () => {
  const scripts = ["SELECT 'it'\n'';\n", 'SELECT 1 /*\n;*\n*/ ;', 'SELECT 1 -\n- x;\n', "INSERT INTO t VALUES\n('a;'),\n('b');", 'SELECT 1; --\n'];
  for (const script of scripts) {
    const scanner = new StatementEndScanner();
    const lines = script.split('\n');
    lines.forEach((line, i) => {
      scanner.push((i ? '\n' : '') + line);
      assert.equal(scanner.complete, isComplete(lines.slice(0, i + 1).join('\n')), JSON.stringify(lines.slice(0, i + 1).join('\n')));
    });
  }
});

test('a statement of many lines is scanned once, not once per line', () => {
  const cost = (lines: number) => {
    const start = process.cpuUsage();
    const scanner = new StatementEndScanner();
    scanner.push('INSERT INTO t (a) VALUES');
    for (let i = 0; i < lines; i++) {
      scanner.push(`\n('row ${i}; still open'),`);
      assert.equal(scanner.complete, false);
    }
    scanner.push("\n('last');");
    assert.equal(scanner.complete, true);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  cost(2_000);
  const a = Math.min(cost(25_000), cost(25_000));
  const b = Math.min(cost(100_000), cost(100_000));
  assert.ok(b / a < 8, `25,000 lines: ${a.toFixed(1)} ms, 100,000 lines: ${b.toFixed(1)} ms`);
});

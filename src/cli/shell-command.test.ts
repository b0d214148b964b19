import { test } from 'node:test';
import assert from 'node:assert/strict';
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
  ];
  for (const [text, want] of cases) assert.equal(isComplete(text), want, text);
});

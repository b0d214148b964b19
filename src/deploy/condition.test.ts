import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition } from './condition.js';

test('the conditions stackql-deploy stacks write', () => {
  const cases: [string, boolean][] = [
    ["'sit' == 'sit'", true],
    ["'dev' == 'sit'", false],
    ['"dev" != \'sit\'', true],
    ["'dev' in ['dev', 'prd']", true],
    ["'sit' not in ['dev', 'prd']", true],
    ["'a' == 'a' and ('b' == 'c' or not false)", true],
    ['True', true],
    ['false', false],
    ['1 == 1.0', true],
    ["'' or None", false],
  ];
  for (const [text, want] of cases) assert.equal(evaluateCondition(text, 'm'), want, text);
});

test('anything else is an error naming where, never code run', () => {
  assert.throws(() => evaluateCondition("__import__('os')", 'm line 3'), { message: /^m line 3: the condition .* names '__import__', which is not a value; quote strings and write variables as \{\{ name \}\}$/ });
  assert.throws(() => evaluateCondition("'a' ==", 'm'), /ends too early/);
  assert.throws(() => evaluateCondition("'a' 'b'", 'm'), /has more after its end/);
  assert.throws(() => evaluateCondition("'a", 'm'), /unclosed '/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findUnclosedBlock, findUnclosedTag } from './locate-unclosed.js';
import { position } from './text-position.js';

test('finds the first tag that is never closed', () => {
  assert.deepEqual(findUnclosedTag('a {{ x }}\n  {% if y'), { opener: '{%', line: 2, column: 3 });
  assert.deepEqual(findUnclosedTag("{{ '}}' "), { opener: '{{', line: 1, column: 1 });
  assert.deepEqual(findUnclosedTag('x {# c'), { opener: '{#', line: 1, column: 3 });
  assert.equal(findUnclosedTag('{{ a }} {% b %} {# c #} {"j": 1}'), undefined);
});

test('raw blocks are skipped until endraw', () => {
  assert.equal(findUnclosedTag('{% raw %}{{ {# {% endraw %}'), undefined);
  assert.deepEqual(findUnclosedTag('{% raw %}{{'), { opener: '{%', line: 1, column: 1 });
});

test('position is 1-based', () => {
  assert.deepEqual(position('ab\ncd', 0), { line: 1, column: 1 });
  assert.deepEqual(position('ab\ncd', 4), { line: 2, column: 2 });
});

test('finds the innermost block without an end tag', () => {
  assert.deepEqual(findUnclosedBlock('{% for x in l %}\n  {% if x %}a{% else %}b\n{% endfor %}'), { tag: 'if', line: 2, column: 3 });
  assert.deepEqual(findUnclosedBlock('{% if a %}{%- endif -%}{% set y %}'), { tag: 'set', line: 1, column: 24 });
  assert.equal(findUnclosedBlock('{% set y = 1 %}{% if a %}{% elif b %}{% endif %}{% macro m() %}{% endmacro %}'), undefined);
});

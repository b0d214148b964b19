import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSql } from './render-template.js';

function failure(text: string, ctx: Record<string, unknown> = {}): string {
  try {
    renderSql(text, ctx);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail(`rendered without error: ${text}`);
}

test('a value inside a string literal stays inside it, whatever it holds', () => {
  const del = "DELETE FROM t WHERE data__Identifier = '{{ id }}' AND region = 'us-east-1'";
  assert.equal(
    renderSql(del, { id: "x' OR region = 'us-east-1" }),
    "DELETE FROM t WHERE data__Identifier = 'x'' OR region = ''us-east-1' AND region = 'us-east-1'",
  );
  // Backslashes are characters in standard SQL strings: no escape for a quote to hide behind.
  assert.equal(renderSql("'{{ x }}'", { x: "a\\' OR 1=1 --" }), "'a\\'' OR 1=1 --'");
  assert.equal(renderSql("'{{ t }}'", { t: [{ Key: "it's" }] }), `'[{"Key":"it''s"}]'`);
  assert.equal(renderSql("'{{ a }}''{{ b }}'", { a: "'", b: "'" }), "''''''''");
});

test('a value in a quoted identifier may not hold its quote character (the parser would read "a""b" as a column and an alias)', () => {
  assert.equal(renderSql('SELECT "{{ c }}", `{{ d }}` FROM t', { c: 'a`b', d: 'a"b' }), 'SELECT "a`b", `a"b` FROM t');
  assert.match(failure('SELECT "{{ c }}" FROM t', { c: 'name"x' }), /'c' cannot be placed \(line 1\): it lands in a "quoted identifier" and holds a double quote/);
  assert.match(failure('SELECT `{{ c }}` FROM t', { c: 'name`x' }), /holds a backtick/);
});

test('outside quotes a value must be one token: a number, true, false or null', () => {
  assert.equal(renderSql('SELECT 1 LIMIT {{ n }} OFFSET {{ m }}', { n: '5', m: 2.5 }), 'SELECT 1 LIMIT 5 OFFSET 2.5');
  assert.equal(renderSql('SELECT {{ a }}, {{ b }}, {{ c }}', { a: true, b: null, c: 'FALSE' }), 'SELECT true, null, FALSE');
  assert.equal(renderSql('SELECT 1 -{{ n }}', { n: '-1' }), 'SELECT 1 -(-1)');
  assert.equal(
    failure('SELECT 1 LIMIT {{ n }}', { n: '5; DELETE FROM x' }),
    `template value 'n' cannot be placed (line 1): it lands outside any quotes, where a value must be one SQL token (a number, true, false or null), not "5; DELETE FROM x". Put it in quotes ('{{ n }}'), or make a list with | sql_list`,
  );
  assert.match(failure('SELECT\n{{ x }}', { x: '' }), /'x' cannot be placed \(line 2\): .* not an empty string/);
});

test('sql_list writes SQL outside quotes; sql_escape is not escaped twice', () => {
  assert.equal(renderSql('WHERE x IN {{ l | sql_list }}', { l: ["a'b", 'c'] }), "WHERE x IN ('a''b','c')");
  assert.equal(renderSql("WHERE x = '{{ s | sql_escape }}'", { s: "it's" }), "WHERE x = 'it''s'");
  assert.match(failure('WHERE x = {{ s | sql_escape }}', { s: "it's" }), /cannot be placed/);
  assert.match(failure("WHERE x IN {{ '(' ~ s ~ ')' }}", { s: "1) OR (1=1" }), /cannot be placed/);
});

test('comments and hints cannot be escaped from', () => {
  assert.equal(renderSql('-- for {{ who }}\nSELECT 1', { who: 'me' }), '-- for me\nSELECT 1');
  assert.match(failure('-- {{ n }}\nSELECT 1', { n: 'x\nDELETE FROM t' }), /-- comment and holds a line break/);
  assert.match(failure('/* {{ n }} */ SELECT 1', { n: '*/ DELETE FROM t /*' }), /holds \/\* or \*\//);
  assert.equal(renderSql('/*+ statecheck, retries={{ n }} */ SELECT 1', { n: 5 }), '/*+ statecheck, retries=5 */ SELECT 1');
  assert.match(failure('/*+ statecheck, retries={{ n }} */ SELECT 1', { n: '5, await' }), /hint \*\/, where a value must be one word or number/);
});

test('{% set %} blocks and macros are template text: their values are placed where they land', () => {
  assert.equal(renderSql("{% set z %}'{{ x }}'{% endset %}SELECT {{ z }}", { x: "a'b" }), "SELECT 'a''b'");
  assert.equal(renderSql("{% macro q(v) %}'{{ v }}'{% endmacro %}SELECT {{ q(x) }}, {{ q(y) }}", { x: "a'b", y: 'c' }), "SELECT 'a''b', 'c'");
  assert.match(
    failure(`{% set z %}'{{ x }}'{% endset %}SELECT {{ z | replace("'", "") }}`, { x: "1 OR 1=1" }),
    /output of a \{% set %\} block or macro changed by a filter/,
  );
});

test('a value cannot forge a placement marker', () => {
  const forged = '\uE0001234567890:0\uE001';
  assert.equal(renderSql("'{{ a }}' {{ b }}", { a: forged, b: 1 }), `'${forged}' 1`);
});

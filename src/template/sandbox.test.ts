import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSql, renderTemplate } from './render-template.js';

function failure(text: string, ctx: Record<string, unknown> = {}): string {
  try {
    renderTemplate(text, ctx);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail(`rendered without error: ${text}`);
}

test('no way from a template into JavaScript: constructor, prototype, __proto__, members of functions', () => {
  assert.equal(
    failure(`{{ range.constructor("return process")() }}`),
    "template cannot read 'range.constructor' (line 1): 'constructor' is JavaScript's, not the template's data: templates read data only",
  );
  assert.match(failure(`{{ ''.constructor.constructor("return process")() }}`), /cannot read/);
  assert.match(failure(`{{ x.__proto__ }}`, { x: {} }), /cannot read 'x.__proto__'/);
  assert.match(failure(`{{ x['prototype'] }}`, { x: {} }), /cannot read/);
  assert.match(failure(`{{ cycler.call(1) }}`), /a function has no members/);
  assert.match(failure(`{{ constructor("x") }}`), /template cannot call 'constructor'/);
  assert.match(failure(`{{ toString() }}`), /template cannot call 'toString'/);
  assert.match(failure(`{{ constructor }}`), /template variable 'constructor' is not defined/);
  assert.match(failure(`{{ f() }}`, { f: () => 1 }), /template cannot call 'f'/);
  assert.match(failure(`{{ x.toString() }}`, { x: {} }), /template function 'x.toString' is not defined/);
});

test('templates cannot change the data they were given', () => {
  const ctx = { l: [1, 2] };
  assert.match(failure('{{ l.push(3) }}', ctx), /template function 'l.push' is not defined/);
  assert.deepEqual(ctx.l, [1, 2]);
});

test('data reads, pure methods and template functions still work', () => {
  const ctx = { x: 'Ab', l: [1, 2], o: { a: 1, 'k-1': 'v' } };
  assert.equal(renderTemplate('{{ x.upper() }} {{ x.lower() }} {{ x.length }} {{ x[0] }} {{ l.join("-") }} {{ l[1] }} {{ o["k-1"] }}', ctx), 'AB ab 2 A 1-2 2 v');
  assert.equal(renderTemplate('{% for k, v in o.items() %}{{ k }};{% endfor %}{{ o.get("a") }}', ctx), 'a;k-1;1');
  assert.equal(renderTemplate('{% for i in range(3) %}{{ i }}{% endfor %}', {}), '012');
  assert.equal(renderTemplate('{% set c = cycler("a", "b") %}{{ c.next() }}{{ c.next() }}{{ c.next() }}', {}), 'aba');
  assert.equal(renderTemplate('{% set j = joiner(",") %}{% for i in l %}{{ j() }}{{ i }}{% endfor %}', ctx), '1,2');
  assert.equal(renderSql("'{{ x.replace('b', 'c') }}'", ctx), "'Ac'");
});

test('__proto__ is never a variable: not from --var, and the name reads as undefined', async () => {
  const { parseVarFlags } = await import('./vars.js');
  assert.throws(() => parseVarFlags(['__proto__=p']), /'__proto__' cannot be a template variable name/);
  assert.match(failure('{{ __proto__ }}'), /template variable '__proto__' is not defined/);
});

test('a template cannot bind JavaScript names, nor get them from its context', () => {
  assert.match(failure('{% set __proto__ = d %}{{ z }}', { d: { z: 1 } }), /template name '__proto__' cannot be assigned/);
  assert.match(failure('{% for constructor in l %}{% endfor %}', { l: [1] }), /'constructor' cannot be assigned/);
  assert.match(failure('{% macro m(prototype) %}{% endmacro %}'), /'prototype' cannot be assigned/);
  assert.match(failure('{{ polluted }}', JSON.parse('{"__proto__": {"polluted": "yes"}}') as Record<string, unknown>), /'__proto__' cannot be a template variable name/);
});

test('selectattr/rejectattr apply their test (Jinja), on own keys only', () => {
  const apis = [{ id: 'a', env: 'dev' }, { id: 'b', env: 'prod' }, { id: 'c' }];
  const loop = (f: string) => renderTemplate(`{% for x in apis | ${f} %}{{ x.id }}{% endfor %}`, { apis });
  assert.equal(loop('selectattr("env", "equalto", "dev")'), 'a');
  assert.equal(loop('rejectattr("env", "equalto", "prod")'), 'ac');
  assert.equal(loop('selectattr("env")'), 'ab');
  assert.equal(loop('selectattr("env", "in", ["prod", "qa"])'), 'b');
  assert.match(failure('{{ apis | selectattr("env", "nosuchtest", "dev") }}', { apis }), /there is no test named "nosuchtest"/);
  assert.match(failure('{{ apis | selectattr("constructor") }}', { apis }), /'constructor' is JavaScript's/);
});

test('a render has a budget: nested loops and runaway macros end with one line', () => {
  assert.match(failure('{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}'), /^template ran too long \(line 1\): more than 1,000,000 loop iterations and macro calls/);
  assert.match(failure('{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}'), /^template function 'f' nests too deep \(line 1\): more than 200 calls/);
});

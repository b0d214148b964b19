import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../errors.js';
import { renderTemplate, hasTemplateSyntax } from './render-template.js';

/** The UsageError message renderTemplate throws, checked to be a single line. */
function failure(text: string, context: Record<string, unknown> = {}, opts = {}): string {
  try {
    renderTemplate(text, context, opts);
  } catch (e) {
    assert.ok(e instanceof UsageError, `expected UsageError, got ${String(e)}`);
    assert.doesNotMatch(e.message, /\n/);
    assert.doesNotMatch(e.message, /nunjucks|Template render error|unknown path/);
    return e.message;
  }
  assert.fail(`expected ${JSON.stringify(text)} to fail`);
}

test('SQL without template syntax passes through unchanged', () => {
  const sql = `/*+ AWAIT */\nINSERT INTO aws.s3.buckets (bucket_name, tags, region)\nSELECT 'b', '{"a": 1, "b": {"c": [1]}}', 'us-east-1';\n`;
  assert.equal(renderTemplate(sql, {}), sql);
  assert.equal(hasTemplateSyntax(sql), false);
});

test('JSON literals and hints survive next to template expressions', () => {
  const sql = `/*+ create */\nSELECT '{"k": {"j": 1}}', '{{ name }}' /*+ AWAIT */`;
  assert.equal(renderTemplate(sql, { name: 'x' }), `/*+ create */\nSELECT '{"k": {"j": 1}}', 'x' /*+ AWAIT */`);
});

test('scalars render as text, objects and lists as JSON', () => {
  const ctx = { s: 'a', n: 3, t: true, f: false, z: null, o: { a: 1, b: [1, 'x'] }, l: ['p', 'q'] };
  assert.equal(renderTemplate('{{ s }} {{ n }} {{ t }} {{ f }} {{ z }}', ctx), 'a 3 true false null');
  assert.equal(renderTemplate("'{{ o }}' '{{ l }}'", ctx), `'{"a":1,"b":[1,"x"]}' '["p","q"]'`);
  assert.equal(renderTemplate('{{ "id-" ~ o }}', ctx), 'id-{"a":1,"b":[1,"x"]}');
  assert.equal(renderTemplate('{{ {"Key": s} }}', ctx), '{"Key":"a"}');
  assert.equal(renderTemplate('{{ o.k }} {{ o.get }}', { o: { k: null, get: null } }), 'null null');
});

test('a missing variable names itself, its line and the fix', () => {
  assert.equal(
    failure('SELECT *\nFROM t\nWHERE id = {{ ApiId }}'),
    "template variable 'ApiId' is not defined (line 3): pass --var ApiId=… or --iqldata FILE",
  );
  assert.equal(
    failure('{{ apiid }}', { ApiId: 'x' }),
    "template variable 'apiid' is not defined (line 1): did you mean 'ApiId'? Otherwise pass --var apiid=… or --iqldata FILE",
  );
  assert.equal(
    failure('\n{{ region }}', {}, { source: 'vpc.iql', missingVariableHint: (n: string) => `add '${n}' to the manifest` }),
    "template variable 'region' is not defined (vpc.iql, line 2): add 'region' to the manifest",
  );
});

test('a missing variable is an error wherever it is read, not only in output', () => {
  assert.match(failure('{{ x | upper }}'), /variable 'x' is not defined/);
  assert.match(failure('{% if x %}y{% endif %}'), /variable 'x' is not defined/);
  assert.match(failure('{% for i in items %}{{ i }}{% endfor %}'), /variable 'items' is not defined/);
  assert.match(failure('{% macro f(a) %}{% endmacro %}{{ f(x) }}'), /variable 'x' is not defined/);
});

test('a missing key names the path and what the object has', () => {
  assert.equal(
    failure('{{ vpc.cidr_blok }}', { vpc: { cidr_block: '10.0.0.0/16' } }),
    "template variable 'vpc.cidr_blok' is not defined (line 1): 'vpc' has no key 'cidr_blok'; did you mean 'cidr_block'?",
  );
  assert.match(failure('{{ l[3] }}', { l: [1] }), /'l\[3\]' is not defined \(line 1\): 'l' has 1 item$/);
  assert.match(failure('{{ o.k }}', { o: null }), /'o\.k' is not defined \(line 1\): 'o' is null$/);
});

test('`is defined`, `default` and inline if may look at missing values, as in Jinja', () => {
  const text = '{{ x is defined }} {{ o.k is defined }} {{ x | default("d") }} {{ o.k | default(2) }} {{ x if x is defined else "n" }}';
  assert.equal(renderTemplate(text, { o: {} }), 'false false d 2 n');
  assert.equal(renderTemplate('{% if x is defined %}{{ x }}{% endif %}', {}), '');
  assert.equal(renderTemplate('{% if x is not defined %}none{% endif %}', {}), 'none');
});

test('loops, sets, macros and call blocks see their own names', () => {
  const ctx = { tags: { a: 1, b: 'x' }, l: ['p', 'q'] };
  assert.equal(renderTemplate('{% for k, v in tags %}{{ k }}={{ v }};{% endfor %}', ctx), 'a=1;b=x;');
  assert.equal(renderTemplate('{% for k, v in tags.items() %}{{ k }}={{ v }};{% endfor %}', ctx), 'a=1;b=x;');
  assert.equal(renderTemplate('{% for i in l %}{{ loop.index }}{{ i }}{% endfor %}', ctx), '1p2q');
  assert.equal(renderTemplate('{% set y = l | length %}{% set z %}[{{ y }}]{% endset %}{{ z }}', ctx), '[2]');
  assert.equal(renderTemplate('{% macro m(a, b=2) %}{{ a }}-{{ b }}{% endmacro %}{{ m(1) }} {{ m(1, b=3) }}', ctx), '1-2 1-3');
  assert.equal(renderTemplate('{% macro w() %}<{{ caller() }}>{% endmacro %}{% call w() %}in{% endcall %}', ctx), '<in>');
});

test('syntax errors give line and column', () => {
  assert.equal(failure('SELECT 1\n  {% if %}'), 'template syntax error (line 2, column 9): unexpected token: %}');
  assert.equal(failure('a\nb {{ x '), "template syntax error (line 2, column 3): '{{' is never closed with '}}'");
  assert.equal(failure('SELECT 1\n{% if x %}\n  {{ x }}\n'), "template syntax error (line 2, column 1): '{% if %}' has no '{% endif %}'");
  assert.match(failure('{% foo %}'), /^template syntax error \(line 1, column 4\): unknown block tag: foo$/);
  assert.match(failure('{{ x }}', {}, { source: 'q.iql' }), /\(q\.iql, line 1\)/);
});

test('{# is a comment as in Jinja; an unclosed one is an error that says how to write it literally', () => {
  assert.equal(renderTemplate("SELECT 1 {# note #}, '{{ '{#' }}'", {}), "SELECT 1 , '{#'");
  assert.equal(
    failure("SELECT '{#tag'\nFROM t"),
    "template syntax error (line 1, column 9): '{#' is never closed with '#}'; '{#' starts a template comment, so write {{ '{#' }} for a literal '{#'",
  );
  assert.equal(renderTemplate('{% raw %}{{ x }} {# y{% endraw %}', {}), '{{ x }} {# y');
});

test('unknown filters and tests are named with a suggestion', () => {
  assert.equal(failure('\n{{ x | tojsn }}', { x: 1 }), "template filter 'tojsn' is not defined (line 2, column 8): did you mean 'tojson'?");
  assert.match(failure('{{ x is strng }}', { x: 1 }), /^template test 'strng' is not defined \(line 1, column 4\): did you mean 'string'\?$/);
});

test('a failing filter reports which filter and the line', () => {
  assert.equal(
    failure('a\n\n{{ s | from_json }}', { s: '{"a":' }),
    "template filter 'from_json' failed (line 3): not valid JSON: Unexpected end of JSON input",
  );
  assert.match(failure('{{ x | merge_lists }}', { x: [] }), /merge_lists' failed \(line 1\): needs a second list/);
});

test('functions: uuid(), and errors for a missing or misused function', () => {
  assert.match(renderTemplate('{{ uuid() }}', {}), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(renderTemplate('{{ uuid() }}', {}), renderTemplate('{{ uuid() }}', {}));
  assert.match(failure('\n{{ uid() }}'), /^template function 'uid' is not defined \(line 2\): did you mean 'uuid\(\)'\?$/);
  assert.equal(failure('{{ uuid }}'), "cannot write template 'uuid' (line 1): it is a function: write uuid()");
  assert.equal(failure('{{ n() }}', { n: 1 }), "template value 'n' is not a function (line 1): it is a number");
  assert.match(failure('{{ o.m() }}', { o: {} }), /template function 'o\.m' is not defined/);
});

test("stackql-deploy's update query renders a Cloud Control patch document", () => {
  const text = `set data__PatchDocument = string('{{ {\n    "VersioningConfiguration": VersioningConfiguration,\n    "Tags": Tags\n    } | generate_patch_document }}')`;
  const out = renderTemplate(text, { VersioningConfiguration: { Status: 'Enabled' }, Tags: '[{"Key":"env","Value":"dev"}]' });
  const doc = JSON.parse(/string\('(.*)'\)/.exec(out)![1]) as unknown;
  assert.deepEqual(doc, [
    { op: 'add', path: '/VersioningConfiguration', value: { Status: 'Enabled' } },
    { op: 'add', path: '/Tags', value: [{ Key: 'env', Value: 'dev' }] },
  ]);
});

test("stackql-deploy's filters are all available", () => {
  const ctx = { a: [{ Key: 'x' }], b: [{ Key: 'x' }, { Key: 'y' }], o: { p: 1 }, q: { r: 2 }, names: ['a', "b'c"] };
  assert.equal(renderTemplate('{{ a | merge_lists(b) | tojson }}', ctx), '[{"Key":"x"},{"Key":"y"}]');
  assert.equal(renderTemplate('{{ o | merge_objects(q) }}', ctx), '{"p":1,"r":2}');
  assert.equal(renderTemplate('IN {{ names | sql_list }}', ctx), "IN ('a','b''c')");
  assert.equal(renderTemplate("'{{ \"it's\" | sql_escape }}'", ctx), "'it''s'");
  assert.equal(renderTemplate('{{ "hi" | base64_encode }}', ctx), 'aGk=');
  assert.equal(renderTemplate('{{ (\'{"k": 1}\' | from_json).k }}', ctx), '1');
  assert.equal(renderTemplate("'{{ o | tojson }}'", ctx), `'{"p":1}'`);
});

test('include, import and extends are rejected where they are written: there is no template loader', () => {
  assert.equal(failure("a\n  {% include 'x.sql' %}"), "template tag 'include' is not supported (line 2, column 6): skyql renders each query on its own, without a template loader");
  assert.match(failure("{% import 'm.sql' as m %}"), /template tag 'import' is not supported \(line 1, column 4\)/);
  assert.match(failure("{% extends 'base.sql' %}"), /template tag 'extends' is not supported/);
});

test('an error inside a macro names the filter and line', () => {
  assert.match(failure("{% macro m(s) %}{{ s | from_json }}{% endmacro %}\n{{ m('{') }}"), /^template filter 'from_json' failed \(line 1\): not valid JSON: /);
});

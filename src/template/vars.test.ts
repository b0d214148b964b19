import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { loadIqlData, parseVarFlags } from './vars.js';

const dir = mkdtempSync(join(tmpdir(), 'skyql-vars-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof UsageError, `expected UsageError, got ${String(e)}`);
    assert.doesNotMatch(e.message, /\n/);
    return e.message;
  }
  assert.fail('expected a UsageError');
}

test('--var name=value, split at the first =, later flags winning', () => {
  assert.deepEqual(parseVarFlags(['ApiId=a1', 'url=https://x/?a=b', 'empty=', 'ApiId=a2']), {
    ApiId: 'a2',
    url: 'https://x/?a=b',
    empty: '',
  });
  assert.deepEqual(parseVarFlags([]), {});
});

test('--var without = or with a name templates cannot use is an error', () => {
  assert.equal(usage(() => parseVarFlags(['ApiId'])), "--var 'ApiId' has no '=': write --var name=value, e.g. --var ApiId=a1b2c3");
  assert.match(usage(() => parseVarFlags(['my-var=1'])), /'my-var' is not a template variable name/);
  assert.match(usage(() => parseVarFlags(['=1'])), /'' is not a template variable name/);
});

test('a --var named __proto__, constructor or prototype is refused: a template could not read it back', () => {
  for (const name of ['__proto__', 'constructor', 'prototype']) {
    assert.throws(() => parseVarFlags([`${name}=x`]), new RegExp(`'${name}' cannot be a template variable name`));
  }
});

test('--iqldata reads JSON and YAML by extension', () => {
  assert.deepEqual(loadIqlData(file('d.json', '{"region": "us-east-1", "tags": [{"Key": "a"}]}')), {
    region: 'us-east-1',
    tags: [{ Key: 'a' }],
  });
  assert.deepEqual(loadIqlData(file('d.yaml', 'region: us-east-1\ncount: 2\ntags:\n  - Key: a\n')), {
    region: 'us-east-1',
    count: 2,
    tags: [{ Key: 'a' }],
  });
  assert.deepEqual(loadIqlData(file('d.yml', 'a: 1')), { a: 1 });
});

test('--iqldata with another extension is tried as JSON, then YAML', () => {
  assert.deepEqual(loadIqlData(file('d.txt', '{"a": 1}')), { a: 1 });
  assert.deepEqual(loadIqlData(file('d.vars', 'a: 1\nb: [x]')), { a: 1, b: ['x'] });
  assert.match(usage(() => loadIqlData(file('bad.vars', 'a: [1\nb: 2'))), /'.*bad\.vars' is neither JSON nor YAML \(line \d+, column \d+\): /);
});

test('--iqldata parse errors name the file, the problem and the line', () => {
  const json = file('bad.json', '{\n  "a": 1,\n  "b" 2\n}');
  // V8's wording varies between Node versions; the position is ours.
  const message = usage(() => loadIqlData(json));
  assert.ok(message.startsWith(`--iqldata file '${json}' is not valid JSON (line 3, column 7): `), message);
  assert.doesNotMatch(message, /position|"\{/);
  const yaml = file('bad.yaml', 'a: 1\nb: [1, 2\nc: 3\n');
  assert.match(usage(() => loadIqlData(yaml)), /^--iqldata file '.*bad\.yaml' is not valid YAML \(line \d+, column \d+\): \S/);
  const dup = file('dup.yaml', 'a: 1\na: 2\n');
  assert.match(usage(() => loadIqlData(dup)), /not valid YAML \(line 2, column 1\): Map keys must be unique/);
});

test('--iqldata must hold an object; an empty file is no variables', () => {
  assert.match(usage(() => loadIqlData(file('list.json', '[1]'))), /must hold an object of variable names to values, not a list/);
  assert.match(usage(() => loadIqlData(file('scalar.yaml', 'hello'))), /not a string/);
  assert.deepEqual(loadIqlData(file('empty.yaml', '\n')), {});
  assert.deepEqual(loadIqlData(file('comments.yaml', '# nothing\n')), {});
});

test('an unreadable --iqldata file is named', () => {
  const missing = join(dir, 'nope.json');
  assert.equal(usage(() => loadIqlData(missing)), `cannot read --iqldata file '${missing}': no such file`);
});

// Templates are data, not code (issue "Writes that cannot surprise"): a query file that
// tries to reach JavaScript through the template engine is refused in one line, even
// under --dry-run, and has no process, file or network side effect.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { throughProxy } from '../support/request-witness.js';

let cloud: TestCloud;
let dir: string;

before(async () => {
  cloud = await startTestCloud();
  dir = mkdtempSync(join(tmpdir(), 'skyql-hostile-'));
});

after(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a --dry-run of templates that try to run code: refused in one line; no file written, no process run, no call made', async () => {
  const marker = join(dir, 'pwned');
  const viaProcess = `process.mainModule.require('child_process').execSync('touch ${marker}-proc')`;
  const viaFs = `process.mainModule.require('fs').writeFileSync('${marker}-fs', 'x')`;
  const payloads = [
    `{{ range.constructor("return ${viaProcess}")() }}`,
    `{{ cycler.constructor("return ${viaFs}")() }}`,
    `{{ ''.constructor.constructor("return ${viaFs}")() }}`,
    `{% set f = joiner.constructor %}{{ f("return ${viaFs}")() }}`,
    `{{ constructor.constructor("return ${viaFs}")() }}`,
    `{{ {}.__proto__.constructor.constructor("return ${viaFs}")() }}`,
    `{{ lipsum.__globals__ }}`,
    `{{ region.toString.call.constructor("return ${viaFs}")() }}`,
  ];
  for (const [i, payload] of payloads.entries()) {
    const file = join(dir, `q${i}.iql`);
    writeFileSync(file, `SELECT api_id FROM aws.apigatewayv2.apis WHERE region = '{{ region }}' AND name = '\n${payload}\n';\n`);
    const r = await throughProxy(cloud, ['exec', '-i', file, '--var', 'region=us-east-1', '--dry-run']);
    assert.equal(r.code, 2, `${payload}\n${r.stderr}`);
    assert.match(r.stderr, /^error: template (cannot read|cannot call|variable|function)[^\n]*\n$/, payload);
    assert.deepEqual(r.operations, [], payload);
    assert.equal(r.stdout, '');
  }
  assert.equal(existsSync(`${marker}-proc`), false);
  assert.equal(existsSync(`${marker}-fs`), false);
});

test('templates cannot read the environment', async () => {
  const file = join(dir, 'env.iql');
  writeFileSync(file, "SELECT '{{ process.env.AWS_SECRET_ACCESS_KEY }}'");
  const r = await throughProxy(cloud, ['exec', '-i', file]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: template variable 'process' is not defined/);
  assert.doesNotMatch(r.stderr + r.stdout, /test/);
});

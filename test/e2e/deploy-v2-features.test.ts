// stackql-deploy features beyond the v1 flows (test/fixtures/deploy-v2-features):
// a `type: script` resource whose stdout's JSON gives its exports and whose template
// values reach the shell as data (environment variables, never spliced), v2's file()
// directive, return_vals (the create's Identifier and RequestToken as this.*) and
// callback anchors (polled with retries on the injected clock, short-circuited, and
// failing into a rollback).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { copyStack, deploy, FIXTURES, held, plan } from './deploy-support.js';

const STACK = join(FIXTURES, 'deploy-v2-features');
const API = 'AWS::ApiGatewayV2::Api';
const HOSTILE = 'x"; touch pwned; echo $(touch pwned2) `touch pwned3` \' \\ end';

let cloud: TestCloud;
let out: string;
const env = () => ({ AWS_REGION: 'us-east-1', OUT_DIR: out });

before(async () => {
  cloud = await startTestCloud();
  out = mkdtempSync(join(tmpdir(), 'skyql-script-out-'));
});

after(async () => {
  rmSync(out, { recursive: true, force: true });
  await cloud.close();
});

test('plan: the script is run on every build and the API, named by its export, depends on it', async () => {
  const p = await plan(cloud, STACK, 'dev', { env: env() });
  assert.equal(p.error, undefined, p.stderr);
  const [namer, api] = p.result!.resources;
  assert.equal(namer.action, 'run');
  assert.match(namer.statements[0].sql, /printf '%s' "\$\{SKYQL_TEMPLATE_VALUE_2\}" > bare\.txt/);
  assert.deepEqual([api.action, api.dependsOn], ['create', ['namer']]);
  assert.equal(p.writes, 0);
  assert.deepEqual(readdirSync(out), [], 'plan runs no script');
});

test('build: the script exports from its stdout, its hostile value stays data everywhere it lands; file(), return_vals and callback:create', async () => {
  const r = await deploy(cloud, 'build', STACK, 'dev', { env: env(), showQueries: true });
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.map((o) => [o.name, o.action]), [
    ['namer', 'script run, exported'],
    ['api', 'created, statecheck passed'],
  ]);
  // The value reached the shell as data in every position, and ran nothing.
  for (const f of ['bare.txt', 'double.txt', 'single.txt']) assert.equal(readFileSync(join(out, f), 'utf8'), HOSTILE, f);
  assert.equal(readFileSync(join(out, 'heredoc.txt'), 'utf8'), `${HOSTILE}\n`);
  for (const f of ['pwned', 'pwned2', 'pwned3']) assert.equal(existsSync(join(out, f)), false, `${f} was created: the value ran as shell`);
  assert.equal(r.result!.exports.api_name, 'v2-features-dev-api');
  assert.equal(r.result!.exports.marker, 'from script');
  // file(): the prop is the JSON file's object.
  const apiId = String(r.result!.exports.api_id);
  const got = await cloud.client().send(new GetResourceCommand({ TypeName: API, Identifier: apiId }));
  const props = JSON.parse(got.ResourceDescription!.Properties!) as Record<string, unknown>;
  assert.equal(props.Name, 'v2-features-dev-api');
  assert.deepEqual(props.Tags, { Team: 'orders', Source: 'file-directive' });
  // return_vals: the create's Identifier is the API's id; its RequestToken polled by callback:create.
  const rv = /return_vals this\.api_id_created=(\S+), this\.RequestToken=(\S+)/.exec(r.stderr);
  assert.ok(rv, r.stderr);
  assert.equal(rv[1], apiId);
  assert.match(r.stderr, new RegExp(`data__RequestToken = '${rv[2]}'`));
  assert.match(r.stderr, /callback:create: succeeded/);
  assert.equal(r.slept.length, 0, 'the callback passed at its first try');
});

test('a second build runs the script again and writes nothing', async () => {
  const r = await deploy(cloud, 'build', STACK, 'dev', { env: env() });
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.map((o) => o.action), ['script run, exported', 'exists, in desired state']);
  assert.equal(r.writes, 0);
});

test('dry run: the script and the callback are shown, nothing runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-script-dry-'));
  try {
    const r = await deploy(cloud, 'build', STACK, 'dev', { env: { AWS_REGION: 'us-east-1', OUT_DIR: dir }, dryRun: true });
    assert.equal(r.error, undefined, r.stderr);
    assert.match(r.stdout, /SKYQL_TEMPLATE_VALUE_1=/);
    assert.match(r.stdout, /callback:create \(polled after the create, rendered with its result\)/);
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(r.writes, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('test runs the script for its exports and checks the API; teardown too, then deletes the API, callback:delete short-circuiting on the ProgressEvent', async () => {
  const t = await deploy(cloud, 'test', STACK, 'dev', { env: env() });
  assert.equal(t.error, undefined, t.stderr);
  assert.deepEqual(t.result!.resources.map((o) => o.action), ['script run, exported', 'passed (statecheck)']);
  rmSync(join(out, 'bare.txt'));
  const r = await deploy(cloud, 'teardown', STACK, 'dev', { env: env(), showQueries: true });
  assert.equal(r.error, undefined, r.stderr);
  assert.equal(existsSync(join(out, 'bare.txt')), true, 'teardown ran the script for its exports');
  assert.deepEqual(r.result!.resources.map((o) => [o.name, o.action]), [
    ['api', 'deleted'],
    ['namer', 'not deleted (type script)'],
  ]);
  assert.match(r.stderr, /callback:delete: skipped, ProgressEvent\.OperationStatus is SUCCESS/);
  assert.deepEqual(await held(cloud, API), []);
});

test('a callback that never succeeds: tried retries= times retry_delay= apart on the clock, then the build fails and rollback deletes the API', async () => {
  const s = copyStack(STACK);
  try {
    s.edit('resources/api.iql', (t) => t.replace("/*+ callback:create, retries=3, retry_delay=2 */", '/*+ callback:create, retries=4, retry_delay=7 */').replace("AND operation_status = 'SUCCESS';\n\n/*+ statecheck", "AND operation_status = 'FAILED';\n\n/*+ statecheck"));
    const r = await deploy(cloud, 'build', s.dir, 'dev', { env: env(), onFailure: 'rollback' });
    assert.ok(r.error);
    assert.match(r.error.message, /resources\/api\.iql line 11 \[callback:create\]: the callback after the create of 'api' did not succeed \(4 tries 7 s apart/);
    assert.deepEqual(r.slept, [7000, 7000, 7000]);
    assert.deepEqual(await held(cloud, API), [], 'rollback deleted the API the build created');
  } finally {
    s.remove();
  }
});

test('return_vals naming a field the result lacks fails the build, naming the field', async () => {
  const s = copyStack(STACK);
  try {
    s.edit('stackql_manifest.yml', (t) => t.replace('- RequestToken', '- NoSuchField'));
    const r = await deploy(cloud, 'build', s.dir, 'dev', { env: env(), onFailure: 'rollback' });
    assert.match(r.error?.message ?? '', /return_vals\.create: field 'NoSuchField' is not in the create's result/);
    assert.deepEqual(await held(cloud, API), []);
  } finally {
    s.remove();
  }
});

test('a script that exits non-zero, or prints no export, fails the build with its stderr', async () => {
  const s = copyStack(STACK);
  try {
    s.edit('stackql_manifest.yml', (t) => t.replace('cd {{ out_dir }} || exit 1', 'echo "no credentials" >&2; exit 3'));
    const r = await deploy(cloud, 'build', s.dir, 'dev', { env: env() });
    assert.match(r.error?.message ?? '', /stackql_manifest\.yml line \d+, resources\[0\] \(namer\) run: the script of 'namer' exited with status 3; its stderr:\nno credentials/);
    assert.equal(r.writes, 0);
    s.edit('stackql_manifest.yml', (t) => t.replace('echo "no credentials" >&2; exit 3', 'echo \'{"api_name": "n"}\'; exit 0'));
    const r2 = await deploy(cloud, 'build', s.dir, 'dev', { env: env() });
    assert.match(r2.error?.message ?? '', /export 'marker' of 'namer' is not in the JSON its script printed \(it has api_name\)/);
  } finally {
    s.remove();
  }
});

test('a template value in a quoted here-document is refused before anything runs', async () => {
  const s = copyStack(STACK);
  try {
    s.edit('stackql_manifest.yml', (t) => t.replace('heredoc.txt <<EOF', "heredoc.txt <<'EOF'"));
    const r = await deploy(cloud, 'build', s.dir, 'dev', { env: env() });
    assert.match(r.error?.message ?? '', /script line 6: a template value is inside a quoted here-document/);
    assert.equal(r.writes, 0);
  } finally {
    s.remove();
  }
});

test('file() outside the stack directory is refused, by .. or by a symbolic link, naming the manifest line', async () => {
  const s = copyStack(STACK);
  try {
    s.edit('stackql_manifest.yml', (t) => t.replace('file(tags/api-tags.json)', 'file(../../etc/hostname)'));
    const r = await deploy(cloud, 'build', s.dir, 'dev', { env: env() });
    assert.match(r.error?.message ?? '', /stackql_manifest\.yml line \d+: resources\[1\]\.props\[0\]\.value file\(\.\.\/\.\.\/etc\/hostname\): .* (is outside the stack directory|does not exist)/);
    symlinkSync('/etc', join(s.dir, 'resources', 'etc'));
    s.edit('stackql_manifest.yml', (t) => t.replace('file(../../etc/hostname)', 'file(etc/passwd)'));
    const r2 = await deploy(cloud, 'build', s.dir, 'dev', { env: env() });
    assert.match(r2.error?.message ?? '', /file\(etc\/passwd\): \/etc\/passwd is outside the stack directory/);
    assert.equal(r.writes + r2.writes, 0);
  } finally {
    s.remove();
  }
});

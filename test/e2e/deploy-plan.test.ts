// skyql deploy plan on skyql's own stack (test/fixtures/deploy-http-api): on a fresh
// cloud every resource is a create (those after the API depend on its id, known after
// build), after a build nothing is to do, after a prop edit the integration is an update
// with its patch. A recording proxy sees every call: reads only, never a write.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWN_AFTER } from '../../src/deploy/plan.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy, writes } from '../support/request-witness.js';
import { copyStack, deploy, FIXTURES, plan } from './deploy-support.js';

const STACK = join(FIXTURES, 'deploy-http-api');

let cloud: TestCloud;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let edited: ReturnType<typeof copyStack>;
let built: Record<string, unknown>;

before(async () => {
  cloud = await startTestCloud();
  proxy = await recordingProxy(cloud);
  edited = copyStack(STACK);
  edited.edit('stackql_manifest.yml', (t) => t.replace('value: 10000', 'value: 15000'));
});

after(async () => {
  edited.remove();
  await proxy.close();
  await cloud.close();
});

/** A plan through the proxy; asserts it wrote nothing, by the proxy's record and the cloud's history. */
async function planned(dir: string) {
  const from = proxy.calls.length;
  const r = await plan(cloud, dir, 'dev', { endpoint: proxy.endpoint });
  assert.equal(r.error, undefined, r.stderr);
  const calls = proxy.calls.slice(from);
  assert.deepEqual(writes(calls), [], 'the plan sent a write');
  assert.ok(calls.every((c) => ['ListResources', 'GetResource'].includes(c.operation)), calls.map((c) => c.operation).join(', '));
  assert.equal(r.writes, 0, "the cloud's request history grew");
  return { ...r, result: r.result!, calls };
}

test('on a fresh cloud: every resource a create, with the INSERT and its CreateResource; later ones depend on the API; reads only', async () => {
  const p = await planned(STACK);
  assert.ok(p.calls.length > 0, 'the plan read nothing: its checks must run for real');
  assert.deepEqual(p.result.resources.map((r) => [r.name, r.action, r.reason]), [
    ['api', 'create', 'create'],
    ['orders_integration', 'create', 'create (depends on api (api_id))'],
    ['orders_route', 'create', 'create (depends on api (api_id))'],
    ['urls', 'read', 'read (query; it depends on api (api_endpoint))'],
  ]);
  assert.equal(p.result.changes, 3);
  const [api, integration] = p.result.resources;
  assert.match(api.statements[0].sql, /^INSERT INTO aws\.apigatewayv2\.apis \(Name, ProtocolType, Description, Tags, region\)\nSELECT 'orders-api-dev', 'HTTP'/);
  assert.deepEqual(api.statements[0].calls?.map((c) => [c.operation, c.typeName, c.region]), [['CreateResource', 'AWS::ApiGatewayV2::Api', 'us-east-1']]);
  assert.deepEqual(JSON.parse(api.statements[0].calls![0].request!), {
    Name: 'orders-api-dev',
    ProtocolType: 'HTTP',
    Description: 'orders service',
    Tags: { Name: 'orders-api-dev', Provisioner: 'skyql', StackName: 'orders-api', StackEnv: 'dev' },
  });
  assert.deepEqual(api.exports.map((e) => [e.name, e.value]), [['api_id', KNOWN_AFTER], ['api_endpoint', KNOWN_AFTER]]);
  assert.deepEqual(integration.dependsOn, ['api']);
  assert.equal(JSON.parse(integration.statements[0].calls![0].request!).ApiId, KNOWN_AFTER);
});

test('after a build: nothing to do for any resource, the exports read live', async () => {
  const b = await deploy(cloud, 'build', STACK, 'dev');
  assert.equal(b.error, undefined, b.stderr);
  built = b.result!.exports;
  const p = await planned(STACK);
  assert.deepEqual(p.result.resources.map((r) => r.action), ['none', 'none', 'none', 'read']);
  assert.equal(p.result.resources[0].reason, 'nothing to do (it exists, its statecheck passes)');
  assert.equal(p.result.changes, 0);
  assert.deepEqual(p.result.resources.flatMap((r) => r.statements), []);
  const exported = Object.fromEntries(p.result.resources.flatMap((r) => r.exports.map((e) => [e.name, e.value])));
  assert.deepEqual(exported, built);
  assert.match(p.text, /^No changes: build would write nothing \(3 unchanged, 1 read\)\.$/m);
});

test('timeout_ms edited: the integration is an update, with the UPDATE and its patch; the rest unchanged; build then makes exactly that write', async () => {
  const p = await planned(edited.dir);
  assert.deepEqual(p.result.resources.map((r) => [r.name, r.action]), [
    ['api', 'none'],
    ['orders_integration', 'update'],
    ['orders_route', 'none'],
    ['urls', 'read'],
  ]);
  const update = p.result.resources[1];
  assert.equal(update.reason, 'update (it exists; its statecheck fails)');
  const id = `${String(built.api_id)}|${String(built.orders_integration_id)}`;
  assert.equal(update.statements[0].sql, `UPDATE aws.apigatewayv2.integrations\nSET timeout_in_millis = 15000\nWHERE data__Identifier = '${id}'\nAND region = 'us-east-1';`);
  assert.deepEqual(update.statements[0].calls, [
    { operation: 'UpdateResource', region: 'us-east-1', typeName: 'AWS::ApiGatewayV2::Integration', identifier: id, request: '[{"op":"add","path":"/TimeoutInMillis","value":15000}]' },
  ]);
  assert.equal(p.result.changes, 1);

  const b = await deploy(cloud, 'build', edited.dir, 'dev');
  assert.equal(b.error, undefined, b.stderr);
  assert.equal(b.writes, 1);
  assert.equal((await planned(edited.dir)).result.changes, 0);
});

test('a plan never runs a query that writes: an exists anchor holding a DELETE is refused before any call', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-plan-'));
  try {
    mkdirSync(join(dir, 'resources'));
    writeFileSync(join(dir, 'stackql_manifest.yml'), 'version: 1\nname: sneaky\nproviders: [aws]\nresources:\n  - name: api\n');
    writeFileSync(
      join(dir, 'resources', 'api.iql'),
      `/*+ exists */\nDELETE FROM aws.apigatewayv2.apis WHERE data__Identifier = '${String(built.api_id)}' AND region = 'us-east-1'\n\n/*+ create */\nSELECT 1\n`,
    );
    const from = proxy.calls.length;
    const r = await plan(cloud, dir, 'dev', { endpoint: proxy.endpoint });
    assert.match(r.error?.message ?? '', /^plan makes no write, but this query is a DELETE: exists, statecheck and exports queries may only read$/);
    assert.deepEqual(proxy.calls.slice(from), []);
    assert.equal(r.writes, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

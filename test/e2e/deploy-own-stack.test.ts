// A stack of skyql's own (test/fixtures/deploy-http-api): an HTTP API, an integration
// that uses the API's exported id, a route to the integration (its id exported as
// orders_integration_id by a {column: name} map) and a query resource. Built, built
// again without a write, a prop edited and built (one update), tested, torn down.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { copyStack, deploy, FIXTURES, held } from './deploy-support.js';

const STACK = join(FIXTURES, 'deploy-http-api');

let cloud: TestCloud;
let edited: ReturnType<typeof copyStack>;
let out: string;
let exports: Record<string, unknown>;

before(async () => {
  cloud = await startTestCloud();
  edited = copyStack(STACK);
  edited.edit('stackql_manifest.yml', (t) => t.replace('value: 10000', 'value: 15000'));
  out = mkdtempSync(join(tmpdir(), 'skyql-deploy-out-'));
});

after(async () => {
  edited.remove();
  rmSync(out, { recursive: true, force: true });
  await cloud.close();
});

async function properties(type: string, id: string): Promise<Record<string, unknown>> {
  const r = await cloud.client().send(new GetResourceCommand({ TypeName: type, Identifier: id }));
  return JSON.parse(r.ResourceDescription!.Properties!) as Record<string, unknown>;
}

test('build creates the API, then the integration with the exported api_id, then the route to it; --output-file has the stack exports', async () => {
  const file = join(out, 'nested', 'exports.json');
  const r = await deploy(cloud, 'build', STACK, 'dev', { outputFile: file });
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.map((o) => [o.name, o.action]), [
    ['api', 'created, statecheck passed'],
    ['orders_integration', 'created, statecheck passed'],
    ['orders_route', 'created, statecheck passed'],
    ['urls', 'exported'],
  ]);
  assert.equal(r.writes, 3);
  exports = r.result!.exports;
  const apiId = String(exports.api_id);
  const api = await properties('AWS::ApiGatewayV2::Api', apiId);
  assert.equal(api.Name, 'orders-api-dev');
  assert.deepEqual(api.Tags, { Name: 'orders-api-dev', Provisioner: 'skyql', StackName: 'orders-api', StackEnv: 'dev' });
  const integration = await properties('AWS::ApiGatewayV2::Integration', `${apiId}|${String(exports.orders_integration_id)}`);
  assert.equal(integration.ApiId, apiId);
  assert.equal(integration.TimeoutInMillis, 10000);
  const route = await properties('AWS::ApiGatewayV2::Route', `${apiId}|${String(exports.route_id)}`);
  assert.equal(route.Target, `integrations/${String(exports.orders_integration_id)}`);

  const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(written), ['stack_name', 'stack_env', 'api_id', 'orders_url', 'elapsed_time']);
  assert.equal(written.api_id, apiId);
  assert.equal(written.orders_url, `https://${apiId}.execute-api.us-east-1.amazonaws.com/orders`);
  assert.match(String(written.elapsed_time), /^\d+\.\d{3}s$/);
});

test('a second build makes no write', async () => {
  const r = await deploy(cloud, 'build', STACK, 'dev');
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.slice(0, 3).map((o) => o.action), Array(3).fill('exists, in desired state'));
  assert.equal(r.writes, 0);
  assert.deepEqual(r.result!.exports, exports);
});

test('timeout_ms edited from 10000 to 15000: build updates the integration only, with one write', async () => {
  const r = await deploy(cloud, 'build', edited.dir, 'dev');
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.map((o) => o.action), [
    'exists, in desired state',
    'updated, statecheck passed',
    'exists, in desired state',
    'exported',
  ]);
  assert.equal(r.writes, 1);
  const integration = await properties('AWS::ApiGatewayV2::Integration', `${String(exports.api_id)}|${String(exports.orders_integration_id)}`);
  assert.equal(integration.TimeoutInMillis, 15000);
  const t = await deploy(cloud, 'test', edited.dir, 'dev');
  assert.equal(t.error, undefined, t.stderr);
  assert.deepEqual(t.result!.resources.map((o) => o.action), ['passed (statecheck)', 'passed (statecheck)', 'passed (statecheck)', 'exported']);
});

test('teardown deletes route, integration and API in reverse order; nothing is left', async () => {
  const r = await deploy(cloud, 'teardown', edited.dir, 'dev');
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.map((o) => [o.name, o.action]), [
    ['urls', 'not deleted (type query)'],
    ['orders_route', 'deleted'],
    ['orders_integration', 'deleted'],
    ['api', 'deleted'],
  ]);
  assert.equal(r.writes, 3);
  assert.deepEqual(await held(cloud, 'AWS::ApiGatewayV2::Api'), []);
  // A teardown of what is gone finds nothing, deletes nothing.
  const again = await deploy(cloud, 'teardown', STACK, 'dev');
  assert.equal(again.error, undefined, again.stderr);
  assert.deepEqual(again.result!.resources.map((o) => o.action), ['not deleted (type query)', 'not found, nothing to delete', 'not found, nothing to delete', 'not found, nothing to delete']);
  assert.equal(again.writes, 0);
});

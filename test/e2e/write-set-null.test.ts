// SET col = NULL: removes a value that is there, and is a no-op (no call) where it is not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { execArgs } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

let cloud: TestCloud;
let id: string;

before(async () => {
  cloud = await startTestCloud();
  const api = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'nulls', ProtocolType: 'HTTP' })).Identifier!;
  id = (await cloud.create('AWS::ApiGatewayV2::Integration', { ApiId: api, IntegrationType: 'HTTP_PROXY', Description: 'here' })).Identifier!;
});

after(() => cloud.close());

async function properties(): Promise<Record<string, unknown>> {
  const out = await cloud.client().send(new GetResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Integration', Identifier: id }));
  return JSON.parse(out.ResourceDescription!.Properties!);
}

test('SET of an absent property to NULL changes nothing and makes no write', async () => {
  const before = await cloud.requests();
  const r = await execArgs(cloud, ['exec', `UPDATE aws.apigatewayv2.integrations SET connection_id = NULL WHERE data__Identifier = '${id}' AND region = 'us-east-1'`, '--await', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
  assert.match(r.stderr, /note: nothing to change for '.*' in us-east-1: .* already unset; no call made/);
  assert.equal(await cloud.requests(), before);
  assert.equal((await properties()).Description, 'here');
});

test('SET of a present property to NULL removes it', async () => {
  const r = await execArgs(cloud, ['exec', `UPDATE aws.apigatewayv2.integrations SET description = NULL, connection_id = NULL WHERE data__Identifier = '${id}' AND region = 'us-east-1'`, '--await', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { operation_status: string }[])[0].operation_status, 'SUCCESS');
  assert.equal((await properties()).Description, undefined);
});

test('a WHERE whose identifier contradicts its other conditions writes nothing', async () => {
  const before = await cloud.requests();
  for (const where of [
    `data__Identifier = '${id}' AND api_id = 'someotherapi' AND region = 'us-east-1'`,
    `data__Identifier = '${id}' AND region = 'us-east-1' AND nosuchtable.name = 'x'`,
    `data__Identifier = '${id}' AND region = 'us-east-1' AND description = NULL`,
  ]) {
    const r = await execArgs(cloud, ['exec', `UPDATE aws.apigatewayv2.integrations SET description = 'changed' WHERE ${where}`, '--await', '-o', 'json']);
    if (r.code === 0) assert.deepEqual(JSON.parse(r.stdout), [], where);
    else assert.match(r.stderr, /nosuchtable/, where);
  }
  assert.equal(await cloud.requests(), before, 'no write was made');
  assert.notEqual((await properties()).Description, 'changed');
});

test('RETURNING col AS alias names the returned column', async () => {
  const r = await execArgs(cloud, ['exec', `UPDATE aws.apigatewayv2.integrations SET description = 'again' WHERE data__Identifier = '${id}' AND region = 'us-east-1' RETURNING description AS d, integration_type`, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [{ d: 'again', integration_type: 'HTTP_PROXY' }]);
});

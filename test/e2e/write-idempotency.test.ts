// ClientToken: unique per row of one run of a statement, reused by every retry of that
// call. So running an INSERT again on purpose creates again, two identical rows create
// two resources, and a retry after a lost response never creates (or deletes) twice.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateResourceCommand, GetResourceRequestStatusCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { throughProxy, type RecordedCall } from '../support/request-witness.js';

const API = 'AWS::ApiGatewayV2::Api';
const INSERT_API = `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('same', 'HTTP', 'us-east-1')`;

let cloud: TestCloud;

before(async () => {
  cloud = await startTestCloud();
});

after(() => cloud.close());

async function apiIds(): Promise<string[]> {
  const out = await cloud.client().send(new ListResourcesCommand({ TypeName: API }));
  return (out.ResourceDescriptions ?? []).map((d) => d.Identifier!);
}

function tokens(sent: RecordedCall[], operation: string): string[] {
  return sent.filter((s) => s.operation === operation).map((s) => String(s.input.ClientToken));
}

test('two separate runs of the same INSERT create two resources, each call with its own ClientToken', async () => {
  const before = { ids: await apiIds(), requests: await cloud.requests() };
  const first = await throughProxy(cloud, ['exec', INSERT_API, '--await']);
  const second = await throughProxy(cloud, ['exec', INSERT_API, '--await']);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(second.code, 0, second.stderr);
  const [t1] = tokens(first.calls, 'CreateResource');
  const [t2] = tokens(second.calls, 'CreateResource');
  assert.match(t1, /^[0-9a-f-]{36}$/);
  assert.notEqual(t1, t2);
  assert.equal((await apiIds()).length, before.ids.length + 2);
  assert.equal(await cloud.requests(), before.requests + 2);
});

test('one INSERT with two identical rows creates two resources (a ClientToken per row)', async () => {
  const before = (await apiIds()).length;
  const r = await throughProxy(cloud, ['exec', `${INSERT_API}, ('same', 'HTTP', 'us-east-1')`, '--await', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const sentTokens = tokens(r.calls, 'CreateResource');
  assert.equal(sentTokens.length, 2);
  assert.equal(new Set(sentTokens).size, 2);
  const ids = (JSON.parse(r.stdout) as Record<string, unknown>[]).map((e) => e.identifier);
  assert.equal(new Set(ids).size, 2);
  assert.equal((await apiIds()).length, before + 2);
});

test('the SDK straight at the cloud: a repeated CreateResource with the same ClientToken is the same request, not a second resource', async () => {
  const before = { ids: (await apiIds()).length, requests: await cloud.requests() };
  const input = { TypeName: API, DesiredState: JSON.stringify({ Name: 'sdk', ProtocolType: 'HTTP' }), ClientToken: 'f0e1d2c3-0000-4000-8000-00000000beef' };
  const one = (await cloud.client().send(new CreateResourceCommand(input))).ProgressEvent!;
  const two = (await cloud.client().send(new CreateResourceCommand(input))).ProgressEvent!;
  assert.equal(two.RequestToken, one.RequestToken);
  const done = (await cloud.client().send(new GetResourceRequestStatusCommand({ RequestToken: one.RequestToken }))).ProgressEvent!;
  assert.equal(done.OperationStatus, 'SUCCESS');
  const three = (await cloud.client().send(new CreateResourceCommand(input))).ProgressEvent!;
  assert.equal(three.RequestToken, one.RequestToken);
  assert.equal(three.Identifier, done.Identifier);
  assert.equal((await apiIds()).length, before.ids + 1);
  assert.equal(await cloud.requests(), before.requests + 1);
  // The same token for different content is a conflict, not a replay.
  await assert.rejects(
    cloud.client().send(new CreateResourceCommand({ ...input, DesiredState: JSON.stringify({ Name: 'other', ProtocolType: 'HTTP' }) })),
    { name: 'ClientTokenConflictException' },
  );
});

test('skyql retries a CreateResource whose response was lost with the same ClientToken: one resource, one request', async () => {
  const before = { ids: (await apiIds()).length, requests: await cloud.requests() };
  const r = await throughProxy(cloud, ['exec', INSERT_API, '--await', '-o', 'json'], ['CreateResource']);
  assert.equal(r.code, 0, r.stderr);
  const sentTokens = tokens(r.calls, 'CreateResource');
  assert.equal(sentTokens.length, 2, 'the first response was lost, so the call was retried');
  assert.equal(sentTokens[0], sentTokens[1]);
  assert.equal((JSON.parse(r.stdout) as Record<string, unknown>[])[0].operation_status, 'SUCCESS');
  assert.equal((await apiIds()).length, before.ids + 1);
  assert.equal(await cloud.requests(), before.requests + 1);
});

test('…and an UpdateResource and a DeleteResource likewise: each applied once', async () => {
  const [id] = await apiIds();
  const before = await cloud.requests();
  const update = await throughProxy(
    cloud,
    ['exec', `UPDATE aws.apigatewayv2.apis SET description = 'once' WHERE data__Identifier = '${id}' AND region = 'us-east-1'`, '--await'],
    ['UpdateResource'],
  );
  assert.equal(update.code, 0, update.stderr);
  const ut = tokens(update.calls, 'UpdateResource');
  assert.equal(ut.length, 2);
  assert.equal(ut[0], ut[1]);
  const del = await throughProxy(cloud, ['exec', `DELETE FROM aws.apigatewayv2.apis WHERE data__Identifier = '${id}' AND region = 'us-east-1'`, '--await'], ['DeleteResource']);
  assert.equal(del.code, 0, del.stderr);
  const dt = tokens(del.calls, 'DeleteResource');
  assert.equal(dt.length, 2);
  assert.equal(dt[0], dt[1]);
  assert.equal(await cloud.requests(), before + 2);
  assert.ok(!(await apiIds()).includes(id));
});

// aws.cloud_control.resource_requests: Cloud Control's request history as a table
// (ListResourceRequests, GetResourceRequestStatus by data__RequestToken), and EXEC
// cancel_resource_request on a request the slow local cloud still has IN_PROGRESS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetResourceRequestStatusCommand, ListResourceRequestsCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { execArgs } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

const REQUESTS = 'aws.cloud_control.resource_requests';
const CANCEL = `EXEC ${REQUESTS}.cancel_resource_request`;

let cloud: TestCloud;
/** Never finishes on its own within a test: its requests stay IN_PROGRESS until cancelled. */
let stuck: TestCloud;
let apiId: string;

before(async () => {
  cloud = await startTestCloud();
  stuck = await startTestCloud({ opDelayMs: 120_000 });
  apiId = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'r', ProtocolType: 'HTTP' })).Identifier!;
  await cloud.create('AWS::ApiGatewayV2::Integration', { ApiId: apiId, IntegrationType: 'HTTP_PROXY' });
  await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'elsewhere', ProtocolType: 'HTTP' }, 'eu-west-1');
});

after(async () => {
  await cloud.close();
  await stuck.close();
});

async function json(on: TestCloud, sql: string): Promise<Record<string, unknown>[]> {
  const r = await execArgs(on, ['exec', sql, '-o', 'json']);
  assert.equal(r.code, 0, `${sql}\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

async function sdkRequests(region = 'us-east-1'): Promise<string[]> {
  const out = await cloud.client(region).send(new ListResourceRequestsCommand({ MaxResults: 100 }));
  return (out.ResourceRequestStatusSummaries ?? []).map((e) => `${e.RequestToken} ${e.Operation} ${e.OperationStatus} ${e.TypeName}`).sort();
}

test('SELECT … WHERE region lists the region\'s requests, as ListResourceRequests does', async () => {
  // One more, through skyql, so the table shows an UPDATE too.
  await json(cloud, `/*+ AWAIT */ UPDATE aws.apigatewayv2.apis SET description = 'd' WHERE data__Identifier = '${apiId}' AND region = 'us-east-1'`);
  const rows = await json(cloud, `SELECT request_token, operation, operation_status, type_name, identifier, region FROM ${REQUESTS} WHERE region = 'us-east-1'`);
  assert.deepEqual(rows.map((r) => `${r.request_token} ${r.operation} ${r.operation_status} ${r.type_name}`).sort(), await sdkRequests());
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => r.region === 'us-east-1'));
  assert.ok(rows.some((r) => r.operation === 'UPDATE' && r.identifier === apiId));
  const eu = await json(cloud, `SELECT type_name, operation FROM ${REQUESTS} WHERE region = 'eu-west-1'`);
  assert.deepEqual(eu, [{ type_name: 'AWS::ApiGatewayV2::Api', operation: 'CREATE' }]);
});

test('… AND operation = \'CREATE\' (and operation_status) filter the history', async () => {
  const creates = await json(cloud, `SELECT type_name, operation FROM ${REQUESTS} WHERE region = 'us-east-1' AND operation = 'CREATE' ORDER BY type_name`);
  assert.deepEqual(creates, [
    { type_name: 'AWS::ApiGatewayV2::Api', operation: 'CREATE' },
    { type_name: 'AWS::ApiGatewayV2::Integration', operation: 'CREATE' },
  ]);
  const updates = await json(cloud, `SELECT operation FROM ${REQUESTS} WHERE region = 'us-east-1' AND operation = 'UPDATE' AND operation_status = 'SUCCESS'`);
  assert.deepEqual(updates, [{ operation: 'UPDATE' }]);
  assert.deepEqual(await json(cloud, `SELECT operation FROM ${REQUESTS} WHERE region = 'us-east-1' AND operation_status = 'FAILED'`), []);
});

test('… WHERE data__RequestToken = … AND region = … is one request, as GetResourceRequestStatus answers it', async () => {
  const [one] = await json(cloud, `SELECT request_token FROM ${REQUESTS} WHERE region = 'us-east-1' AND operation = 'UPDATE'`);
  const token = String(one.request_token);
  const rows = await json(cloud, `SELECT * FROM ${REQUESTS} WHERE data__RequestToken = '${token}' AND region = 'us-east-1'`);
  assert.equal(rows.length, 1);
  const sdk = (await cloud.client().send(new GetResourceRequestStatusCommand({ RequestToken: token }))).ProgressEvent!;
  assert.equal(rows[0].request_token, token);
  assert.equal(rows[0].operation, sdk.Operation);
  assert.equal(rows[0].operation_status, 'SUCCESS');
  assert.equal(rows[0].identifier, apiId);
  // Events at SUCCESS carry no ResourceModel (src/local/progress-event.ts): none in either.
  assert.equal(sdk.ResourceModel, undefined);
  assert.equal(rows[0].resource_model ?? null, null);
  // An unknown token is no row, not an error; another region does not see this one.
  assert.deepEqual(await json(cloud, `SELECT * FROM ${REQUESTS} WHERE data__RequestToken = '00000000-0000-4000-8000-000000000000' AND region = 'us-east-1'`), []);
  assert.deepEqual(await json(cloud, `SELECT * FROM ${REQUESTS} WHERE data__RequestToken = '${token}' AND region = 'eu-west-1'`), []);
});

test('EXEC cancel_resource_request cancels an IN_PROGRESS create: CANCEL_IN_PROGRESS, then CANCEL_COMPLETE, nothing created', async () => {
  const [started] = await json(stuck, `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('never', 'HTTP', 'us-east-1')`);
  assert.equal(started.operation_status, 'IN_PROGRESS');
  const token = String(started.request_token);
  const get = `SELECT operation, operation_status FROM ${REQUESTS} WHERE data__RequestToken = '${token}' AND region = 'us-east-1'`;
  assert.deepEqual(await json(stuck, get), [{ operation: 'CREATE', operation_status: 'IN_PROGRESS' }]);

  const cancelled = await json(stuck, `${CANCEL} @RequestToken = '${token}', @region = 'us-east-1'`);
  assert.deepEqual(
    cancelled.map((e) => [e.operation, e.operation_status, e.request_token, e.region]),
    [['CREATE', 'CANCEL_IN_PROGRESS', token, 'us-east-1']],
  );
  assert.deepEqual(await json(stuck, get), [{ operation: 'CREATE', operation_status: 'CANCEL_COMPLETE' }]);
  const listed = await stuck.client().send(new ListResourcesCommand({ TypeName: 'AWS::ApiGatewayV2::Api' }));
  assert.deepEqual(listed.ResourceDescriptions, []);
});

test('EXEC cancel_resource_request: an unknown token is Cloud Control\'s error; a missing @region is refused before any call', async () => {
  const unknown = await execArgs(stuck, ['exec', `${CANCEL} @RequestToken = '00000000-0000-4000-8000-000000000000', @region = 'us-east-1'`]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /RequestTokenNotFoundException/);
  const before = await stuck.requests();
  const noRegion = await execArgs(stuck, ['exec', `${CANCEL} @RequestToken = 'abc'`]);
  assert.equal(noRegion.code, 1);
  assert.match(noRegion.stderr, /@region/);
  assert.equal(await stuck.requests(), before);
});

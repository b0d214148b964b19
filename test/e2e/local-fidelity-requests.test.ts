// Fidelity of the local cloud's request handling, driven with the official SDK: the first
// event of a create, list pages, the events at SUCCESS, handlers a type lacks, and how long
// client tokens and request history live (an injected clock, no waiting). Each test names
// its source.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import type { CloudControlClient, ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, requestEnd } from '../support/local-cloud.js';
import type { TestCloud } from '../support/local-cloud.js';

const HOUR = 3600 * 1000;
const ROLE = 'arn:aws:iam::123456789012:role/exec';

let cloud: TestCloud;
let cc: CloudControlClient;
// The cloud's clock: tests move it instead of sleeping.
let now = Date.parse('2026-03-01T12:00:00.000Z');

before(async () => {
  cloud = await startTestCloud({ clock: () => now });
  cc = cloud.client();
});

after(async () => {
  await cloud.close();
});

const finished = (event: ProgressEvent | undefined, client = cc) => requestEnd(client, event);

async function start(type: string, desired: Record<string, unknown>, clientToken?: string): Promise<ProgressEvent> {
  return (await cc.send(new CreateResourceCommand({ TypeName: type, DesiredState: JSON.stringify(desired), ClientToken: clientToken }))).ProgressEvent!;
}

const fn = (name: string) => ({ FunctionName: name, Role: ROLE, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } });

test('the first ProgressEvent of a create carries the Identifier when DesiredState gave the primary identifier, else none until SUCCESS (aws cloudcontrol create-resource example)', async () => {
  const named: [string, Record<string, unknown>, string][] = [
    ['AWS::S3::Bucket', { BucketName: 'req-first' }, 'req-first'],
    ['AWS::IAM::Role', { RoleName: 'req-first', AssumeRolePolicyDocument: {} }, 'req-first'],
    ['AWS::Lambda::Function', fn('req-first'), 'req-first'],
    ['AWS::DynamoDB::Table', { TableName: 'req-first', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }, 'req-first'],
    ['AWS::ElasticLoadBalancing::LoadBalancer', { LoadBalancerName: 'req-first', Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }], AvailabilityZones: ['us-east-1a'] }, 'req-first'],
  ];
  for (const [type, desired, id] of named) {
    const first = await start(type, desired);
    assert.equal(first.OperationStatus, 'IN_PROGRESS', type);
    assert.equal(first.Identifier, id, type);
    assert.equal((await finished(first)).Identifier, id, type);
  }
  // Service-made identifiers (a VPC id, an SQS queue URL, an integration id) are known only once made.
  const api = await finished(await start('AWS::ApiGatewayV2::Api', { Name: 'req-api', ProtocolType: 'HTTP' }));
  for (const [type, desired] of [
    ['AWS::EC2::VPC', { CidrBlock: '10.9.0.0/16' }],
    ['AWS::SQS::Queue', { QueueName: 'req-first' }],
    ['AWS::ApiGatewayV2::Integration', { ApiId: api.Identifier, IntegrationType: 'MOCK' }],
  ] as [string, Record<string, unknown>][]) {
    const first = await start(type, desired);
    assert.equal(first.Identifier, undefined, type);
    assert.ok((await finished(first)).Identifier, type);
  }
});

test('ProgressEvents at SUCCESS carry no ResourceModel, for create, update and delete, in GetResourceRequestStatus and ListResourceRequests (AWS CLI examples; go-to-k/cdkd#1109)', async () => {
  const created = await finished(await start('AWS::SQS::Queue', { QueueName: 'req-model' }));
  assert.equal(created.OperationStatus, 'SUCCESS');
  assert.equal(created.ResourceModel, undefined);
  const url = created.Identifier!;
  const upd = await finished((await cc.send(new UpdateResourceCommand({ TypeName: 'AWS::SQS::Queue', Identifier: url, PatchDocument: '[{"op":"add","path":"/DelaySeconds","value":5}]' }))).ProgressEvent);
  assert.equal(upd.OperationStatus, 'SUCCESS');
  assert.equal(upd.ResourceModel, undefined);
  const del = await finished((await cc.send(new DeleteResourceCommand({ TypeName: 'AWS::SQS::Queue', Identifier: url }))).ProgressEvent);
  assert.equal(del.OperationStatus, 'SUCCESS');
  assert.equal(del.ResourceModel, undefined);
  const history = await cc.send(new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { OperationStatuses: ['SUCCESS'] } }));
  assert.ok(history.ResourceRequestStatusSummaries!.length >= 3);
  assert.ok(history.ResourceRequestStatusSummaries!.every((e) => e.ResourceModel === undefined));
});

test("ListResources pages by the handler's own page size (Lambda's 50) and MaxResults does not change it: the API Reference documents MaxResults as Reserved", async () => {
  const region = 'sa-east-1';
  const west = cloud.client(region);
  for (let i = 0; i < 51; i++) {
    const e = (await west.send(new CreateResourceCommand({ TypeName: 'AWS::Lambda::Function', DesiredState: JSON.stringify(fn(`page-${String(i).padStart(2, '0')}`)) }))).ProgressEvent!;
    assert.equal((await finished(e, west)).OperationStatus, 'SUCCESS');
  }
  for (const MaxResults of [undefined, 5, 100]) {
    const first = await west.send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Function', MaxResults }));
    assert.equal(first.ResourceDescriptions!.length, 50, `MaxResults ${MaxResults}`);
    assert.ok(first.NextToken);
    const second = await west.send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Function', MaxResults, NextToken: first.NextToken }));
    assert.deepEqual(second.ResourceDescriptions!.map((d) => d.Identifier), ['page-50']);
    assert.equal(second.NextToken, undefined);
  }
});

test('a type without a list handler (AWS::ACMPCA::Certificate) answers UnsupportedActionException; one not provisionable (AWS::CodeBuild::Project) answers it for every action (Cloud Control API Reference, ListResources errors)', async () => {
  await assert.rejects(cc.send(new ListResourcesCommand({ TypeName: 'AWS::ACMPCA::Certificate' })), { name: 'UnsupportedActionException', message: 'Resource type AWS::ACMPCA::Certificate does not support LIST action' });
  await assert.rejects(cc.send(new ListResourcesCommand({ TypeName: 'AWS::CodeBuild::Project' })), { name: 'UnsupportedActionException' });
  await assert.rejects(start('AWS::CodeBuild::Project', { Name: 'p' }), { name: 'UnsupportedActionException', message: 'Resource type AWS::CodeBuild::Project does not support CREATE action' });
  await assert.rejects(cc.send(new GetResourceCommand({ TypeName: 'AWS::CodeBuild::Project', Identifier: 'p' })), { name: 'UnsupportedActionException' });
});

test('a ClientToken is valid for 36 hours once used; after that a request with it is new (Cloud Control API Reference, CreateResource ClientToken)', async () => {
  const desired = { BucketName: 'req-token' };
  const first = await start('AWS::S3::Bucket', desired, 'token-36h');
  assert.equal((await finished(first)).OperationStatus, 'SUCCESS');
  now += 36 * HOUR - 1;
  const retry = await start('AWS::S3::Bucket', desired, 'token-36h');
  assert.equal(retry.RequestToken, first.RequestToken, 'a retry within 36 hours is the same request');
  await assert.rejects(start('AWS::S3::Bucket', { BucketName: 'other' }, 'token-36h'), { name: 'ClientTokenConflictException' });
  now += 1;
  const fresh = await start('AWS::S3::Bucket', desired, 'token-36h');
  assert.notEqual(fresh.RequestToken, first.RequestToken, 'after 36 hours the token starts a new request');
  const ended = await finished(fresh);
  assert.equal(ended.OperationStatus, 'FAILED');
  assert.equal(ended.ErrorCode, 'AlreadyExists');
});

test('resource operation requests expire after 7 days: GetResourceRequestStatus and ListResourceRequests no longer know them (Cloud Control API Reference, ListResourceRequests)', async () => {
  const region = 'ca-central-1';
  const c = cloud.client(region);
  const e = (await c.send(new CreateResourceCommand({ TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.7.0.0/16"}' }))).ProgressEvent!;
  const done = await finished(e, c);
  assert.equal(done.OperationStatus, 'SUCCESS');
  now += 7 * 24 * HOUR;
  assert.equal((await c.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken }))).ProgressEvent!.OperationStatus, 'SUCCESS', 'still there at 7 days');
  assert.equal((await c.send(new ListResourceRequestsCommand({}))).ResourceRequestStatusSummaries!.length, 1);
  now += 1;
  await assert.rejects(c.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken })), { name: 'RequestTokenNotFoundException' });
  assert.deepEqual((await c.send(new ListResourceRequestsCommand({}))).ResourceRequestStatusSummaries, []);
  // The resource itself stays.
  const vpc = await c.send(new GetResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: done.Identifier }));
  assert.equal(vpc.ResourceDescription!.Identifier, done.Identifier);
});

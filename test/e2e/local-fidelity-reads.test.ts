// Fidelity of what the local cloud's read handlers return, driven with the official SDK:
// defaults the caller left out (the registry schema's `default`s and the service defaults
// AWS documents elsewhere, src/local/service-defaults.ts) and read-only attributes in the
// shapes the services give them (src/local/*-attributes.ts). Each test names its source.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateResourceCommand, GetResourceCommand, UpdateResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, requestEnd } from '../support/local-cloud.js';
import type { TestCloud } from '../support/local-cloud.js';

type Model = Record<string, unknown>;

let cloud: TestCloud;

before(async () => {
  cloud = await startTestCloud();
});

after(async () => {
  await cloud.close();
});

const finished = requestEnd;

/** Creates through `region` and returns the model as GetResource reads it. */
async function created(type: string, desired: Model, region = 'us-east-1'): Promise<{ id: string; model: Model }> {
  const cc = cloud.client(region);
  const start = await cc.send(new CreateResourceCommand({ TypeName: type, DesiredState: JSON.stringify(desired) }));
  const done = await finished(cc, start.ProgressEvent);
  assert.equal(done.OperationStatus, 'SUCCESS', `${type}: ${done.StatusMessage ?? ''}`);
  return { id: done.Identifier!, model: await read(type, done.Identifier!, region) };
}

async function read(type: string, id: string, region = 'us-east-1'): Promise<Model> {
  const got = await cloud.client(region).send(new GetResourceCommand({ TypeName: type, Identifier: id }));
  return JSON.parse(got.ResourceDescription!.Properties!) as Model;
}

async function patched(type: string, id: string, patch: unknown[], region = 'us-east-1'): Promise<Model> {
  const cc = cloud.client(region);
  const start = await cc.send(new UpdateResourceCommand({ TypeName: type, Identifier: id, PatchDocument: JSON.stringify(patch) }));
  const done = await finished(cc, start.ProgressEvent);
  assert.equal(done.OperationStatus, 'SUCCESS', `${type}: ${done.StatusMessage ?? ''}`);
  return read(type, id, region);
}

test('AWS::EC2::VPC: EnableDnsSupport true, EnableDnsHostnames false, InstanceTenancy default, and its default security group and network ACL (AWS::EC2::VPC schema; EC2 API Reference CreateVpc; aws ec2 create-vpc example)', async () => {
  const { id, model } = await created('AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' });
  assert.match(id, /^vpc-[0-9a-f]{17}$/);
  assert.equal(model.VpcId, id);
  assert.equal(model.EnableDnsSupport, true);
  assert.equal(model.EnableDnsHostnames, false);
  assert.equal(model.InstanceTenancy, 'default');
  assert.match(String(model.DefaultSecurityGroup), /^sg-[0-9a-f]{17}$/);
  assert.match(String(model.DefaultNetworkAcl), /^acl-[0-9a-f]{17}$/);
  assert.ok(Array.isArray(model.CidrBlockAssociations) && /^vpc-cidr-assoc-[0-9a-f]{17}$/.test(String(model.CidrBlockAssociations[0])));
  // What the caller gives wins over the default.
  const dedicated = await created('AWS::EC2::VPC', { CidrBlock: '10.2.0.0/16', InstanceTenancy: 'dedicated', EnableDnsHostnames: true });
  assert.equal(dedicated.model.InstanceTenancy, 'dedicated');
  assert.equal(dedicated.model.EnableDnsHostnames, true);
  // A patch that removes a defaulted property reads back the service's default.
  const reverted = await patched('AWS::EC2::VPC', dedicated.id, [{ op: 'remove', path: '/EnableDnsHostnames' }]);
  assert.equal(reverted.EnableDnsHostnames, false);
});

test('AWS::ApiGatewayV2::Api: an HTTP API reads back RouteSelectionExpression "$request.method $request.path" and ApiKeySelectionExpression "$request.header.x-api-key" (AWS::ApiGatewayV2::Api schema; aws apigatewayv2 get-api example)', async () => {
  const http = await created('AWS::ApiGatewayV2::Api', { Name: 'fid-http', ProtocolType: 'HTTP' });
  assert.equal(http.model.RouteSelectionExpression, '$request.method $request.path');
  assert.equal(http.model.ApiKeySelectionExpression, '$request.header.x-api-key');
  assert.equal(http.model.ApiEndpoint, `https://${http.id}.execute-api.us-east-1.amazonaws.com`);
  const ws = await created('AWS::ApiGatewayV2::Api', { Name: 'fid-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
  assert.equal(ws.model.RouteSelectionExpression, '$request.body.action');
  assert.equal(ws.model.ApiKeySelectionExpression, '$request.header.x-api-key', 'aws apigatewayv2 create-api, WebSocket example');
});

test('AWS::ApiGatewayV2::Integration: TimeoutInMillis 30000 for an HTTP API, 29000 for a WebSocket API (AWS::ApiGatewayV2::Integration schema; aws apigatewayv2 get-integration example)', async () => {
  const http = await created('AWS::ApiGatewayV2::Api', { Name: 'fid-int-http', ProtocolType: 'HTTP' });
  const i1 = await created('AWS::ApiGatewayV2::Integration', { ApiId: http.id, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: 'https://example.com', PayloadFormatVersion: '1.0' });
  assert.equal(i1.model.TimeoutInMillis, 30000);
  const given = await created('AWS::ApiGatewayV2::Integration', { ApiId: http.id, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: 'https://example.com', PayloadFormatVersion: '1.0', TimeoutInMillis: 1500 });
  assert.equal(given.model.TimeoutInMillis, 1500);
  const ws = await created('AWS::ApiGatewayV2::Api', { Name: 'fid-int-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
  const i2 = await created('AWS::ApiGatewayV2::Integration', { ApiId: ws.id, IntegrationType: 'MOCK' });
  assert.equal(i2.model.TimeoutInMillis, 29000);
});

test("AWS::IAM::Role: Path defaults to '/' (the registry schema's default), RoleId is AROA and 17 more, the Arn holds the path and no Region (IAM User Guide, IAM identifiers)", async () => {
  const plain = await created('AWS::IAM::Role', { RoleName: 'fid-plain', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } }, 'eu-west-1');
  assert.equal(plain.model.Path, '/');
  assert.match(String(plain.model.RoleId), /^AROA[A-Z0-9]{17}$/);
  assert.equal(plain.model.Arn, 'arn:aws:iam::123456789012:role/fid-plain');
  assert.equal(plain.model.MaxSessionDuration, 3600, '"the default value of one hour is applied" (AWS::IAM::Role schema)');
  const pathed = await created('AWS::IAM::Role', { RoleName: 'fid-pathed', Path: '/division_abc/', AssumeRolePolicyDocument: {} }, 'ap-south-1');
  assert.equal(pathed.model.Arn, 'arn:aws:iam::123456789012:role/division_abc/fid-pathed');
  assert.notEqual(pathed.model.RoleId, plain.model.RoleId);
  // An update keeps the service's id.
  const updated = await patched('AWS::IAM::Role', 'fid-plain', [{ op: 'add', path: '/Description', value: 'd' }]);
  assert.equal(updated.RoleId, plain.model.RoleId);
});

test('AWS::S3::Bucket: Arn with no Region or account, DomainName, RegionalDomainName, DualStackDomainName and the Region’s s3-website form (AWS::S3::Bucket return values; S3 website endpoints)', async () => {
  const east = await created('AWS::S3::Bucket', { BucketName: 'fid-east' }, 'us-east-1');
  assert.deepEqual(
    [east.model.Arn, east.model.DomainName, east.model.RegionalDomainName, east.model.DualStackDomainName, east.model.WebsiteURL],
    ['arn:aws:s3:::fid-east', 'fid-east.s3.amazonaws.com', 'fid-east.s3.us-east-1.amazonaws.com', 'fid-east.s3.dualstack.us-east-1.amazonaws.com', 'http://fid-east.s3-website-us-east-1.amazonaws.com'],
  );
  const frankfurt = await created('AWS::S3::Bucket', { BucketName: 'fid-frankfurt' }, 'eu-central-1');
  assert.equal(frankfurt.model.WebsiteURL, 'http://fid-frankfurt.s3-website.eu-central-1.amazonaws.com', 'a dot in the Regions that came later');
  assert.equal(frankfurt.model.RegionalDomainName, 'fid-frankfurt.s3.eu-central-1.amazonaws.com');
  const unnamed = await created('AWS::S3::Bucket', {}, 'us-west-2');
  assert.match(unnamed.id, /^bucket-[a-z0-9]{12}$/);
  assert.equal(unnamed.model.Arn, `arn:aws:s3:::${unnamed.id}`);
  assert.equal(unnamed.model.WebsiteURL, `http://${unnamed.id}.s3-website-us-west-2.amazonaws.com`);
});

test('AWS::SQS::Queue: identified by its QueueUrl https://sqs.<region>.amazonaws.com/<account>/<name>, with an Arn (SQS Developer Guide, queue and message identifiers)', async () => {
  const q = await created('AWS::SQS::Queue', { QueueName: 'fid-orders' }, 'eu-west-2');
  assert.equal(q.id, 'https://sqs.eu-west-2.amazonaws.com/123456789012/fid-orders');
  assert.equal(q.model.QueueUrl, q.id);
  assert.equal(q.model.Arn, 'arn:aws:sqs:eu-west-2:123456789012:fid-orders');
  // The defaults the AWS::SQS::Queue schema states in prose, and SQS's visibility timeout (SQS API Reference, CreateQueue).
  assert.deepEqual(
    [q.model.DelaySeconds, q.model.MaximumMessageSize, q.model.MessageRetentionPeriod, q.model.ReceiveMessageWaitTimeSeconds, q.model.VisibilityTimeout, q.model.SqsManagedSseEnabled],
    [0, 1048576, 345600, 0, 30, true],
  );
  const fifo = await created('AWS::SQS::Queue', { FifoQueue: true }, 'eu-west-2');
  assert.match(fifo.id, /^https:\/\/sqs\.eu-west-2\.amazonaws\.com\/123456789012\/queue-[a-z0-9]{12}\.fifo$/, 'a FIFO queue’s name ends in .fifo');
});

test('AWS::DynamoDB::Table: StreamArn only while StreamSpecification turns a stream on (DynamoDB API Reference, TableDescription LatestStreamArn)', async () => {
  const base = { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' };
  const plain = await created('AWS::DynamoDB::Table', { TableName: 'fid-plain', ...base });
  assert.equal(plain.model.Arn, 'arn:aws:dynamodb:us-east-1:123456789012:table/fid-plain');
  assert.equal(plain.model.StreamArn, undefined);
  const streamed = await created('AWS::DynamoDB::Table', { TableName: 'fid-streamed', ...base, StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
  assert.match(String(streamed.model.StreamArn), /^arn:aws:dynamodb:us-east-1:123456789012:table\/fid-streamed\/stream\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  const on = await patched('AWS::DynamoDB::Table', 'fid-plain', [{ op: 'add', path: '/StreamSpecification', value: { StreamViewType: 'KEYS_ONLY' } }]);
  assert.match(String(on.StreamArn), /^arn:aws:dynamodb:us-east-1:123456789012:table\/fid-plain\/stream\//);
  const off = await patched('AWS::DynamoDB::Table', 'fid-plain', [{ op: 'remove', path: '/StreamSpecification' }]);
  assert.equal(off.StreamArn, undefined);
});

test('AWS::Lambda::Function: Arn arn:aws:lambda:<region>:<account>:function:<name>, and the documented defaults MemorySize 128, Timeout 3, Architectures x86_64, EphemeralStorage 512 (AWS::Lambda::Function schema, from Lambda CreateFunction)', async () => {
  const fn = await created(
    'AWS::Lambda::Function',
    { FunctionName: 'fid-fn', Role: 'arn:aws:iam::123456789012:role/exec', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler=async()=>1' } },
    'ap-northeast-1',
  );
  assert.equal(fn.model.Arn, 'arn:aws:lambda:ap-northeast-1:123456789012:function:fid-fn');
  assert.equal(fn.model.MemorySize, 128);
  assert.equal(fn.model.Timeout, 3);
  assert.deepEqual(fn.model.Architectures, ['x86_64']);
  assert.deepEqual(fn.model.EphemeralStorage, { Size: 512 });
  assert.equal(fn.model.Code, undefined, 'write-only: never read back');
});

test('AWS::ElasticLoadBalancing::LoadBalancer: DNSName <name>-<digits>.<region>.elb.amazonaws.com and the Region’s hosted zone (ELB Classic User Guide; General Reference, ELB endpoints)', async () => {
  const listeners = [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }];
  const lb = await created('AWS::ElasticLoadBalancing::LoadBalancer', { LoadBalancerName: 'fid-lb', Listeners: listeners, AvailabilityZones: ['us-west-2a'] }, 'us-west-2');
  assert.match(String(lb.model.DNSName), /^fid-lb-\d{10}\.us-west-2\.elb\.amazonaws\.com$/);
  assert.equal(lb.model.CanonicalHostedZoneName, lb.model.DNSName);
  assert.equal(lb.model.CanonicalHostedZoneNameID, 'Z1H1FL5HABSF5');
  const internal = await created('AWS::ElasticLoadBalancing::LoadBalancer', { LoadBalancerName: 'fid-int', Scheme: 'internal', Listeners: listeners, Subnets: ['subnet-1'] }, 'us-west-2');
  assert.match(String(internal.model.DNSName), /^internal-fid-int-\d{10}\.us-west-2\.elb\.amazonaws\.com$/);
  assert.equal(internal.model.CanonicalHostedZoneName, undefined, 'internal load balancers have none');
});

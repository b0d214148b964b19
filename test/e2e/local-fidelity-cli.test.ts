// The same fidelity behaviours through the AWS CLI (botocore, generated from the service
// model Cloud Control publishes), `aws cloudcontrol … --endpoint-url` against the local
// cloud in this process: defaults and service-owned attributes on read, the first event's
// Identifier, no ResourceModel at SUCCESS, the handler's page size, missing handlers, client
// tokens and request history on an injected clock, global and S3 namespaces. CI installs
// the CLI (.ci/run); elsewhere the test is skipped when it is missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud } from '../support/local-cloud.js';
import type { TestCloud } from '../support/local-cloud.js';

const run = promisify(execFile);
const HOUR = 3600 * 1000;

async function hasAws(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

const skip = !process.env.CI && !(await hasAws()) && 'the aws CLI is not installed (CI installs it: .ci/run)';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let cloud: TestCloud;
let home: string;
let now = Date.parse('2026-05-01T08:00:00.000Z');

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'skyql-aws-fidelity-'));
  cloud = await startTestCloud({ clock: () => now });
});

after(async () => {
  await cloud?.close();
  rmSync(home, { recursive: true, force: true });
});

function env(region: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
}

/** `aws cloudcontrol <args>` through `region`; resolves the JSON output. */
async function aws(region: string, ...args: string[]): Promise<Json> {
  // Async: the server runs in this process and must keep serving while the CLI waits.
  const { stdout } = await run('aws', ['cloudcontrol', ...args, '--endpoint-url', cloud.endpoint, '--output', 'json'], { env: env(region), timeout: 60_000 });
  return stdout.trim() ? (JSON.parse(stdout) as Json) : {};
}

/** The CLI's failure: its stderr, which names the error code. */
async function awsFails(region: string, ...args: string[]): Promise<string> {
  try {
    await aws(region, ...args);
  } catch (e) {
    return String((e as { stderr?: string }).stderr);
  }
  throw new Error(`aws cloudcontrol ${args.join(' ')} succeeded`);
}

async function create(region: string, type: string, desired: Json, ...extra: string[]): Promise<{ first: Json; final: Json }> {
  const first = (await aws(region, 'create-resource', '--type-name', type, '--desired-state', JSON.stringify(desired), ...extra)).ProgressEvent as Json;
  const final = (await aws(region, 'get-resource-request-status', '--request-token', first.RequestToken)).ProgressEvent as Json;
  return { first, final };
}

async function get(region: string, type: string, id: string): Promise<Json> {
  const out = await aws(region, 'get-resource', '--type-name', type, '--identifier', id);
  return JSON.parse(out.ResourceDescription.Properties as string) as Json;
}

test('aws cloudcontrol: the first event names a caller-supplied identifier, SUCCESS carries no ResourceModel, and reads return defaults and service shapes (create-resource and get-resource-request-status examples; AWS::EC2::VPC, AWS::ApiGatewayV2::* and AWS::S3::Bucket schemas)', { skip }, async () => {
  const bucket = await create('us-east-1', 'AWS::S3::Bucket', { BucketName: 'cli-bucket' });
  assert.equal(bucket.first.OperationStatus, 'IN_PROGRESS');
  assert.equal(bucket.first.Identifier, 'cli-bucket');
  assert.equal(bucket.final.OperationStatus, 'SUCCESS');
  assert.equal(bucket.final.ResourceModel, undefined);
  const b = await get('us-east-1', 'AWS::S3::Bucket', 'cli-bucket');
  assert.equal(b.Arn, 'arn:aws:s3:::cli-bucket');
  assert.equal(b.DomainName, 'cli-bucket.s3.amazonaws.com');
  assert.equal(b.DualStackDomainName, 'cli-bucket.s3.dualstack.us-east-1.amazonaws.com');
  assert.equal(b.WebsiteURL, 'http://cli-bucket.s3-website-us-east-1.amazonaws.com');

  const vpc = await create('us-east-1', 'AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
  assert.equal(vpc.first.Identifier, undefined, 'EC2 makes the VPC id');
  const v = await get('us-east-1', 'AWS::EC2::VPC', vpc.final.Identifier);
  assert.deepEqual([v.EnableDnsSupport, v.EnableDnsHostnames, v.InstanceTenancy], [true, false, 'default']);
  assert.match(v.DefaultSecurityGroup, /^sg-[0-9a-f]{17}$/);

  const api = await create('us-east-1', 'AWS::ApiGatewayV2::Api', { Name: 'cli-api', ProtocolType: 'HTTP' });
  const a = await get('us-east-1', 'AWS::ApiGatewayV2::Api', api.final.Identifier);
  assert.equal(a.RouteSelectionExpression, '$request.method $request.path');
  assert.equal(a.ApiKeySelectionExpression, '$request.header.x-api-key');
  const integration = await create('us-east-1', 'AWS::ApiGatewayV2::Integration', { ApiId: api.final.Identifier, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: 'https://example.com', PayloadFormatVersion: '1.0' });
  assert.equal((await get('us-east-1', 'AWS::ApiGatewayV2::Integration', integration.final.Identifier)).TimeoutInMillis, 30000);

  const queue = await create('us-east-1', 'AWS::SQS::Queue', { QueueName: 'cli-queue' });
  assert.equal(queue.final.Identifier, 'https://sqs.us-east-1.amazonaws.com/123456789012/cli-queue');
  const table = await create('us-east-1', 'AWS::DynamoDB::Table', { TableName: 'cli-table', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' });
  assert.equal(table.first.Identifier, 'cli-table');
  assert.equal((await get('us-east-1', 'AWS::DynamoDB::Table', 'cli-table')).StreamArn, undefined, 'no stream, no StreamArn');
  const lb = await create('us-east-1', 'AWS::ElasticLoadBalancing::LoadBalancer', { LoadBalancerName: 'cli-lb', Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }], AvailabilityZones: ['us-east-1a'] });
  assert.match((await get('us-east-1', 'AWS::ElasticLoadBalancing::LoadBalancer', lb.final.Identifier)).DNSName, /^cli-lb-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
});

test("aws cloudcontrol list-resources: the handler's page (Lambda's 50) whatever MaxResults says, which the API Reference documents as Reserved", { skip }, async () => {
  const sdk = cloud.client('eu-west-3');
  for (let i = 0; i < 51; i++) {
    const desired = { FunctionName: `cli-fn-${String(i).padStart(2, '0')}`, Role: 'arn:aws:iam::123456789012:role/exec', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } };
    await sdk.send(new CreateResourceCommand({ TypeName: 'AWS::Lambda::Function', DesiredState: JSON.stringify(desired) }));
  }
  // Sent as given (--cli-input-json), one page (--no-paginate).
  const page = await aws('eu-west-3', 'list-resources', '--cli-input-json', JSON.stringify({ TypeName: 'AWS::Lambda::Function', MaxResults: 5 }), '--no-paginate');
  assert.equal(page.ResourceDescriptions.length, 50);
  assert.ok(page.NextToken);
  // The CLI's own paginator, asking for pages of 5, still gets the handler's pages: all 51.
  const all = await aws('eu-west-3', 'list-resources', '--type-name', 'AWS::Lambda::Function', '--page-size', '5');
  assert.equal(all.ResourceDescriptions.length, 51);
  const fn = await get('eu-west-3', 'AWS::Lambda::Function', 'cli-fn-00');
  assert.equal(fn.Arn, 'arn:aws:lambda:eu-west-3:123456789012:function:cli-fn-00');
  assert.equal(fn.MemorySize, 128);
});

test('aws cloudcontrol: no list handler (AWS::ACMPCA::Certificate) and not provisionable (AWS::CodeBuild::Project) answer UnsupportedActionException (Cloud Control API Reference)', { skip }, async () => {
  assert.match(await awsFails('us-east-1', 'list-resources', '--type-name', 'AWS::ACMPCA::Certificate'), /UnsupportedActionException.*Resource type AWS::ACMPCA::Certificate does not support LIST action/);
  assert.match(await awsFails('us-east-1', 'create-resource', '--type-name', 'AWS::CodeBuild::Project', '--desired-state', '{"Name":"p"}'), /UnsupportedActionException.*does not support CREATE action/);
});

test('aws cloudcontrol: IAM answers from every Region with Region-less ARNs; a bucket name is taken in every Region and listed from all (General Reference IAM endpoints; S3 bucket naming rules; aws/aws-cli#6464)', { skip }, async () => {
  const role = await create('us-east-1', 'AWS::IAM::Role', { RoleName: 'cli-role', Path: '/team/', AssumeRolePolicyDocument: {} });
  assert.equal(role.first.Identifier, 'cli-role');
  const r = await get('ap-southeast-1', 'AWS::IAM::Role', 'cli-role');
  assert.equal(r.Arn, 'arn:aws:iam::123456789012:role/team/cli-role');
  assert.match(r.RoleId, /^AROA[A-Z0-9]{17}$/);
  assert.deepEqual((await aws('eu-west-1', 'list-resources', '--type-name', 'AWS::IAM::Role')).ResourceDescriptions.map((d: Json) => d.Identifier), ['cli-role']);

  const dup = await create('eu-west-1', 'AWS::S3::Bucket', { BucketName: 'cli-bucket' });
  assert.equal(dup.final.OperationStatus, 'FAILED');
  assert.equal(dup.final.ErrorCode, 'AlreadyExists');
  const listed = (await aws('ap-southeast-1', 'list-resources', '--type-name', 'AWS::S3::Bucket')).ResourceDescriptions.map((d: Json) => d.Identifier);
  assert.ok(listed.includes('cli-bucket'), 'the us-east-1 bucket is listed from ap-southeast-1');
  assert.match(await awsFails('ap-southeast-1', 'get-resource', '--type-name', 'AWS::S3::Bucket', '--identifier', 'cli-bucket'), /ResourceNotFoundException/);
});

test('aws cloudcontrol: a --client-token is the same request for 36 hours, then a new one; requests are forgotten after 7 days (Cloud Control API Reference: ClientToken, ListResourceRequests)', { skip }, async () => {
  const desired = JSON.stringify({ BucketName: 'cli-token' });
  const first = (await aws('us-west-1', 'create-resource', '--type-name', 'AWS::S3::Bucket', '--desired-state', desired, '--client-token', 'cli-36h')).ProgressEvent as Json;
  assert.equal((await aws('us-west-1', 'get-resource-request-status', '--request-token', first.RequestToken)).ProgressEvent.OperationStatus, 'SUCCESS');
  now += 36 * HOUR - 1;
  const retry = (await aws('us-west-1', 'create-resource', '--type-name', 'AWS::S3::Bucket', '--desired-state', desired, '--client-token', 'cli-36h')).ProgressEvent as Json;
  assert.equal(retry.RequestToken, first.RequestToken);
  now += 1;
  const fresh = (await aws('us-west-1', 'create-resource', '--type-name', 'AWS::S3::Bucket', '--desired-state', desired, '--client-token', 'cli-36h')).ProgressEvent as Json;
  assert.notEqual(fresh.RequestToken, first.RequestToken);
  now += 7 * 24 * HOUR + 1;
  assert.match(await awsFails('us-west-1', 'get-resource-request-status', '--request-token', first.RequestToken), /RequestTokenNotFoundException/);
  assert.deepEqual((await aws('us-west-1', 'list-resource-requests')).ResourceRequestStatusSummaries, []);
});

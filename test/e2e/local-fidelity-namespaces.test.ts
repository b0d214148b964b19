// Fidelity of the local cloud's namespaces, driven with the official SDK: global services
// (IAM and the others in src/local/namespaces.ts) answer from every Region with ARNs that
// hold no Region; S3 bucket names are unique across Regions and the bucket list is the same
// from every Region, while a bucket is read from its own Region only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, requestEnd } from '../support/local-cloud.js';
import type { TestCloud } from '../support/local-cloud.js';

let cloud: TestCloud;

before(async () => {
  cloud = await startTestCloud();
});

after(async () => {
  await cloud.close();
});

const finished = requestEnd;

async function create(region: string, type: string, desired: Record<string, unknown>): Promise<ProgressEvent> {
  const cc = cloud.client(region);
  return finished(cc, (await cc.send(new CreateResourceCommand({ TypeName: type, DesiredState: JSON.stringify(desired) }))).ProgressEvent);
}

const listed = async (region: string, type: string) =>
  ((await cloud.client(region).send(new ListResourcesCommand({ TypeName: type }))).ResourceDescriptions ?? []).map((d) => d.Identifier);

test('IAM is global: a role made through us-east-1 is read, listed, updated and deleted through any Region, and its ARN holds no Region (AWS General Reference, IAM endpoints: iam.amazonaws.com)', async () => {
  const made = await create('us-east-1', 'AWS::IAM::Role', { RoleName: 'ns-global', AssumeRolePolicyDocument: {} });
  assert.equal(made.OperationStatus, 'SUCCESS');
  for (const region of ['eu-west-1', 'ap-southeast-2', 'us-east-1']) {
    const props = JSON.parse((await cloud.client(region).send(new GetResourceCommand({ TypeName: 'AWS::IAM::Role', Identifier: 'ns-global' }))).ResourceDescription!.Properties!);
    assert.equal(props.Arn, 'arn:aws:iam::123456789012:role/ns-global', region);
    assert.deepEqual(await listed(region, 'AWS::IAM::Role'), ['ns-global'], region);
  }
  // One namespace: the same name through another Region is taken.
  const again = await create('eu-west-1', 'AWS::IAM::Role', { RoleName: 'ns-global', AssumeRolePolicyDocument: {} });
  assert.equal(again.OperationStatus, 'FAILED');
  assert.equal(again.ErrorCode, 'AlreadyExists');
  const eu = cloud.client('eu-west-1');
  const upd = await finished(eu, (await eu.send(new UpdateResourceCommand({ TypeName: 'AWS::IAM::Role', Identifier: 'ns-global', PatchDocument: '[{"op":"add","path":"/Description","value":"from eu"}]' }))).ProgressEvent);
  assert.equal(upd.OperationStatus, 'SUCCESS');
  const fromUs = JSON.parse((await cloud.client('us-east-1').send(new GetResourceCommand({ TypeName: 'AWS::IAM::Role', Identifier: 'ns-global' }))).ResourceDescription!.Properties!);
  assert.equal(fromUs.Description, 'from eu');
  const ap = cloud.client('ap-southeast-2');
  const del = await finished(ap, (await ap.send(new DeleteResourceCommand({ TypeName: 'AWS::IAM::Role', Identifier: 'ns-global' }))).ProgressEvent);
  assert.equal(del.OperationStatus, 'SUCCESS');
  assert.deepEqual(await listed('us-east-1', 'AWS::IAM::Role'), []);
});

test('other global services share the namespace too: an IAM managed policy and a Route 53 health check have Region-less ARNs and answer from every Region (General Reference: route53.amazonaws.com)', async () => {
  const hc = await create('eu-north-1', 'AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'HTTP', FullyQualifiedDomainName: 'example.com', Port: 80 } });
  assert.equal(hc.OperationStatus, 'SUCCESS', hc.StatusMessage ?? '');
  assert.deepEqual(await listed('us-west-1', 'AWS::Route53::HealthCheck'), [hc.Identifier]);
  const policy = await create('me-south-1', 'AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'ns-policy', PolicyDocument: { Version: '2012-10-17', Statement: [] } });
  assert.equal(policy.OperationStatus, 'SUCCESS', policy.StatusMessage ?? '');
  assert.equal(policy.Identifier, 'arn:aws:iam::123456789012:policy/ns-policy');
  const read = await cloud.client('us-east-1').send(new GetResourceCommand({ TypeName: 'AWS::IAM::ManagedPolicy', Identifier: policy.Identifier }));
  assert.equal(read.ResourceDescription!.Identifier, policy.Identifier);
});

test('S3 bucket names are unique across Regions: the same name in another Region fails AlreadyExists (Amazon S3 User Guide, bucket naming rules)', async () => {
  const made = await create('us-east-1', 'AWS::S3::Bucket', { BucketName: 'ns-bucket' });
  assert.equal(made.OperationStatus, 'SUCCESS');
  const dup = await create('eu-west-1', 'AWS::S3::Bucket', { BucketName: 'ns-bucket' });
  assert.equal(dup.OperationStatus, 'FAILED');
  assert.equal(dup.ErrorCode, 'AlreadyExists');
  assert.match(dup.StatusMessage!, /'ns-bucket' already exists/);
});

test("a bucket listed from any Region is listed from all, while it is read from its own Region only (aws/aws-cli#6464; aws/aws-toolkit-vscode#2193)", async () => {
  const made = await create('eu-central-1', 'AWS::S3::Bucket', { BucketName: 'ns-frankfurt' });
  assert.equal(made.OperationStatus, 'SUCCESS');
  for (const region of ['us-east-1', 'eu-central-1', 'ap-northeast-1']) {
    assert.deepEqual((await listed(region, 'AWS::S3::Bucket')).sort(), ['ns-bucket', 'ns-frankfurt'], region);
  }
  const props = JSON.parse((await cloud.client('eu-central-1').send(new GetResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: 'ns-frankfurt' }))).ResourceDescription!.Properties!);
  assert.equal(props.RegionalDomainName, 'ns-frankfurt.s3.eu-central-1.amazonaws.com');
  await assert.rejects(cloud.client('us-east-1').send(new GetResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: 'ns-frankfurt' })), { name: 'ResourceNotFoundException' });
  // Regional types stay regional.
  await create('eu-central-1', 'AWS::SQS::Queue', { QueueName: 'ns-queue' });
  assert.equal((await listed('us-east-1', 'AWS::SQS::Queue')).length, 0);
});

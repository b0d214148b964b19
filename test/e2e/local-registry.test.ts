// The local cloud answers from each type's CloudFormation registry schema as Cloud Control
// does, driven with the official SDK: missing handlers, non-provisionable types, write-only
// properties, deletes of unknown identifiers and patch paths without a leading slash.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import type { CloudControlClient, ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, requestEnd } from '../support/local-cloud.js';
import type { TestCloud } from '../support/local-cloud.js';

let cloud: TestCloud;
let cc: CloudControlClient;

before(async () => {
  cloud = await startTestCloud();
  cc = cloud.client();
});

after(async () => {
  await cloud.close();
});

/** The request's final event: with no operation delay, the first status read finishes it. */
const finished = (event: ProgressEvent | undefined) => requestEnd(cc, event);

async function unsupported(send: Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(send, (e: Error) => {
    assert.equal(e.name, 'UnsupportedActionException');
    assert.equal(e.message, message);
    return true;
  });
}

// Cloud Control API reference, ListResources errors: UnsupportedActionException, "The
// specified resource doesn't support this resource operation". AWS::ACMPCA::Certificate's
// registry schema has create, read and delete handlers only.
test('ListResources on AWS::ACMPCA::Certificate (no list handler): UnsupportedActionException', async () => {
  await unsupported(cc.send(new ListResourcesCommand({ TypeName: 'AWS::ACMPCA::Certificate' })), 'Resource type AWS::ACMPCA::Certificate does not support LIST action');
  await unsupported(
    cc.send(new UpdateResourceCommand({ TypeName: 'AWS::ACMPCA::Certificate', Identifier: 'x', PatchDocument: '[]' })),
    'Resource type AWS::ACMPCA::Certificate does not support UPDATE action',
  );
  // Its read handler exists: an unknown identifier is just not found.
  await assert.rejects(cc.send(new GetResourceCommand({ TypeName: 'AWS::ACMPCA::Certificate', Identifier: 'arn:x|arn:y' })), { name: 'ResourceNotFoundException' });
});

// NON_PROVISIONABLE types exist in the registry (so not TypeNotFoundException) and have no
// handlers: Cloud Control answers UnsupportedActionException (go-to-k/cdk-real-drift#530,
// AWS::CodeBuild::ReportGroup live in us-east-1; "Resource type AWS::EC2::Instance does not
// support LIST action" while that type was not provisionable).
test('AWS::CodeBuild::Project (not provisionable through Cloud Control): UnsupportedActionException for every action', async () => {
  const T = 'AWS::CodeBuild::Project';
  await unsupported(cc.send(new CreateResourceCommand({ TypeName: T, DesiredState: '{"Name":"p"}' })), `Resource type ${T} does not support CREATE action`);
  await unsupported(cc.send(new GetResourceCommand({ TypeName: T, Identifier: 'p' })), `Resource type ${T} does not support READ action`);
  await unsupported(cc.send(new ListResourcesCommand({ TypeName: T })), `Resource type ${T} does not support LIST action`);
  await unsupported(cc.send(new UpdateResourceCommand({ TypeName: T, Identifier: 'p', PatchDocument: '[]' })), `Resource type ${T} does not support UPDATE action`);
  await unsupported(cc.send(new DeleteResourceCommand({ TypeName: T, Identifier: 'p' })), `Resource type ${T} does not support DELETE action`);
  // A type the registry does not know at all stays TypeNotFoundException.
  await assert.rejects(cc.send(new ListResourcesCommand({ TypeName: 'AWS::CodeBuild::Nope' })), { name: 'TypeNotFoundException' });
  // AWS::ElasticLoadBalancing::LoadBalancer gained handlers: it lists.
  const lbs = await cc.send(new ListResourcesCommand({ TypeName: 'AWS::ElasticLoadBalancing::LoadBalancer' }));
  assert.deepEqual(lbs.ResourceDescriptions, []);
});

const ROLE = 'arn:aws:iam::123456789012:role/lambda-exec';

// writeOnlyProperties of AWS::Lambda::Function: every member of Code. Cloud Control never
// returns them; an update patches the model as read, so one that does not resend Code fails
// validation synchronously (pulumi-aws-native#906, terraform-provider-awscc#1613).
test('a Lambda function’s Code is never returned: GetResource, ProgressEvent, ListResources, request history', async () => {
  const secret = 'exports.handler = async () => "s3cr3t-code";';
  const start = await cc.send(
    new CreateResourceCommand({
      TypeName: 'AWS::Lambda::Function',
      DesiredState: JSON.stringify({ FunctionName: 'wo-fn', Role: ROLE, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: secret } }),
    }),
  );
  const done = await finished(start.ProgressEvent);
  assert.equal(done.OperationStatus, 'SUCCESS', done.StatusMessage ?? '');
  assert.equal(done.Identifier, 'wo-fn');
  assert.ok(!JSON.stringify(done).includes('s3cr3t'), 'not in the ProgressEvent');
  const got = await cc.send(new GetResourceCommand({ TypeName: 'AWS::Lambda::Function', Identifier: 'wo-fn' }));
  const props = JSON.parse(got.ResourceDescription!.Properties!) as Record<string, unknown>;
  assert.equal(props.Role, ROLE);
  assert.equal(props.Code, undefined, 'not from GetResource');
  const list = await cc.send(new ListResourcesCommand({ TypeName: 'AWS::Lambda::Function' }));
  assert.ok(!JSON.stringify(list).includes('s3cr3t'), 'not from ListResources');
  const history = await cc.send(new ListResourceRequestsCommand({ MaxResults: 100 }));
  assert.ok(!JSON.stringify(history).includes('s3cr3t'), 'not in the request history');

  await assert.rejects(
    cc.send(new UpdateResourceCommand({ TypeName: 'AWS::Lambda::Function', Identifier: 'wo-fn', PatchDocument: '[{"op":"add","path":"/Timeout","value":30}]' })),
    (e: Error) => {
      assert.equal(e.name, 'ValidationException');
      assert.equal(e.message, 'Model validation failed (#: required key [Code] not found)');
      return true;
    },
  );
  const resent = await cc.send(
    new UpdateResourceCommand({
      TypeName: 'AWS::Lambda::Function',
      Identifier: 'wo-fn',
      PatchDocument: JSON.stringify([
        { op: 'add', path: '/Timeout', value: 30 },
        { op: 'add', path: '/Code', value: { ZipFile: secret } },
      ]),
    }),
  );
  const updated = await finished(resent.ProgressEvent);
  assert.equal(updated.OperationStatus, 'SUCCESS', updated.StatusMessage ?? '');
  assert.ok(!JSON.stringify(updated).includes('s3cr3t'));
  const after = JSON.parse((await cc.send(new GetResourceCommand({ TypeName: 'AWS::Lambda::Function', Identifier: 'wo-fn' }))).ResourceDescription!.Properties!);
  assert.equal(after.Timeout, 30);
  assert.equal(after.Code, undefined);
  assert.ok(!JSON.stringify(await cc.send(new ListResourceRequestsCommand({}))).includes('s3cr3t'));
});

// AWS::IAM::User writeOnlyProperties: /properties/LoginProfile/Password (nested).
test('an IAM user’s LoginProfile/Password is never returned; the rest of LoginProfile is', async () => {
  const done = await cloud.create('AWS::IAM::User', { UserName: 'wo-user', LoginProfile: { Password: 'hunter2-Pass!', PasswordResetRequired: true } });
  assert.ok(!JSON.stringify(done).includes('hunter2'));
  const props = JSON.parse((await cc.send(new GetResourceCommand({ TypeName: 'AWS::IAM::User', Identifier: 'wo-user' }))).ResourceDescription!.Properties!);
  assert.deepEqual(props.LoginProfile, { PasswordResetRequired: true });
  assert.ok(!JSON.stringify(await cc.send(new ListResourceRequestsCommand({}))).includes('hunter2'));
});

// terraform-provider-awscc's delete waiter treats FAILED with ErrorCode NotFound as deleted
// ("Resource not found error on delete is OK"): Cloud Control accepts the request and its
// delete handler fails NotFound.
test('DeleteResource of an identifier that does not exist is accepted and ends FAILED NotFound', async () => {
  const start = await cc.send(new DeleteResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: 'vpc-0123456789abcdef0' }));
  assert.equal(start.ProgressEvent!.OperationStatus, 'IN_PROGRESS');
  assert.equal(start.ProgressEvent!.Operation, 'DELETE');
  const end = await finished(start.ProgressEvent);
  assert.equal(end.OperationStatus, 'FAILED');
  assert.equal(end.ErrorCode, 'NotFound');
  assert.equal(end.Identifier, 'vpc-0123456789abcdef0');
  assert.match(end.StatusMessage!, /vpc-0123456789abcdef0/);
});

// Cloud Control User Guide, "Updating a resource" (resource-operations-update): its example
// patch is [{"op":"replace","path":"RetentionInDays","value":180}], with no leading slash.
test('patch paths without the leading slash, as the User Guide’s update example writes them, are accepted', async () => {
  await cloud.create('AWS::Logs::LogGroup', { LogGroupName: 'LogGroupResourceExample', RetentionInDays: 90 });
  const start = await cc.send(
    new UpdateResourceCommand({
      TypeName: 'AWS::Logs::LogGroup',
      Identifier: 'LogGroupResourceExample',
      PatchDocument: '[{"op":"replace","path":"RetentionInDays","value":180}]',
    }),
  );
  const end = await finished(start.ProgressEvent);
  assert.equal(end.OperationStatus, 'SUCCESS', end.StatusMessage ?? '');
  const props = JSON.parse((await cc.send(new GetResourceCommand({ TypeName: 'AWS::Logs::LogGroup', Identifier: 'LogGroupResourceExample' }))).ResourceDescription!.Properties!);
  assert.equal(props.RetentionInDays, 180);
  // Still checked as the pointer it names: LogGroupName is create-only.
  await assert.rejects(
    cc.send(new UpdateResourceCommand({ TypeName: 'AWS::Logs::LogGroup', Identifier: 'LogGroupResourceExample', PatchDocument: '[{"op":"replace","path":"LogGroupName","value":"x"}]' })),
    { name: 'NotUpdatableException' },
  );
});

// Cloud Control validates DesiredState and the patched model against the registry schema:
// ValidationException "Model validation failed (#/…: …)" (everit's words; pulumi-aws-native#906).
test('DesiredState and patched models are validated against the registry schema: enum, minimum, pattern', async () => {
  const refused = async (send: Promise<unknown>, message: string) =>
    assert.rejects(send, (e: Error) => {
      assert.equal(e.name, 'ValidationException');
      assert.equal(e.message, message);
      return true;
    });
  await refused(
    cc.send(new CreateResourceCommand({ TypeName: 'AWS::S3::Bucket', DesiredState: '{"BucketName":"vb","VersioningConfiguration":{"Status":"Sometimes"}}' })),
    'Model validation failed (#/VersioningConfiguration/Status: Sometimes is not a valid enum value)',
  );
  await cloud.create('AWS::Lambda::Function', { FunctionName: 'v-fn', Role: ROLE, Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } });
  await refused(
    cc.send(
      new UpdateResourceCommand({
        TypeName: 'AWS::Lambda::Function',
        Identifier: 'v-fn',
        PatchDocument: JSON.stringify([{ op: 'add', path: '/Code', value: { ZipFile: 'x' } }, { op: 'add', path: '/Timeout', value: 0 }]),
      }),
    ),
    'Model validation failed (#/Timeout: 0 is not greater or equal to 1)',
  );
  await assert.rejects(
    cc.send(new CreateResourceCommand({ TypeName: 'AWS::Lambda::Function', DesiredState: JSON.stringify({ Role: 'not-an-arn', Code: { ZipFile: 'x' } }) })),
    (e: Error) => e.name === 'ValidationException' && /^Model validation failed \(#\/Role: string \[not-an-arn\] does not match pattern /.test(e.message),
  );
});

// Every error the local cloud answers with: the wire `__type` and status, the SDK's named
// exception, and that the refused request changed nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancelResourceRequestCommand,
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import type { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import { startLocalCloud } from '../../src/local/server.js';
import type { LocalCloudHandle } from '../../src/local/server.js';
import { authorization, client, rawCall } from '../support/local-harness.js';

let cloud: LocalCloudHandle;
let cc: CloudControlClient;
let apiId: string;
let integration: string;

async function created(typeName: string, desired: object): Promise<string> {
  const e = (await cc.send(new CreateResourceCommand({ TypeName: typeName, DesiredState: JSON.stringify(desired) }))).ProgressEvent!;
  const s = (await cc.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken }))).ProgressEvent!;
  assert.equal(s.OperationStatus, 'SUCCESS', s.StatusMessage ?? '');
  return s.Identifier!;
}

/** The whole observable state: every resource and every request, per region. */
async function snapshot(): Promise<string> {
  const parts: unknown[] = [];
  for (const region of ['us-east-1', 'eu-west-1']) {
    for (const typeName of ['AWS::ApiGatewayV2::Api', 'AWS::EC2::VPC', 'AWS::S3::Bucket']) {
      const list = await rawCall(cloud.endpoint, 'ListResources', { TypeName: typeName }, { region });
      for (const d of list.body.ResourceDescriptions as { Identifier: string }[]) {
        parts.push((await rawCall(cloud.endpoint, 'GetResource', { TypeName: typeName, Identifier: d.Identifier }, { region })).body);
      }
    }
    parts.push(await rawCall(cloud.endpoint, 'ListResources', { TypeName: 'AWS::ApiGatewayV2::Integration', ResourceModel: JSON.stringify({ ApiId: apiId }) }, { region }));
    parts.push((await rawCall(cloud.endpoint, 'ListResourceRequests', { MaxResults: 100 }, { region })).body);
  }
  return JSON.stringify(parts);
}

async function refused(
  operation: string,
  input: unknown,
  type: string,
  status: number,
  message: RegExp,
  opts: Parameters<typeof rawCall>[3] = {},
): Promise<void> {
  const before = await snapshot();
  const res = await rawCall(cloud.endpoint, operation, input, opts);
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.__type, type);
  assert.match(String(res.body.message), message);
  assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.0');
  assert.ok(res.headers.get('x-amzn-requestid'));
  assert.equal(await snapshot(), before, `${operation} → ${type} changed nothing`);
}

before(async () => {
  cloud = await startLocalCloud({ port: 0, opDelayMs: 0, regions: ['us-east-1', 'eu-west-1'] });
  cc = client(cloud.endpoint, 'us-east-1', { maxAttempts: 1 });
  apiId = await created('AWS::ApiGatewayV2::Api', { Name: 'errs', ProtocolType: 'HTTP' });
  integration = await created('AWS::ApiGatewayV2::Integration', { ApiId: apiId, IntegrationType: 'MOCK' });
  await created('AWS::S3::Bucket', { BucketName: 'taken' });
});

after(async () => {
  cc.destroy();
  await cloud.close();
});

test('unknown types: TypeNotFoundException 404', async () => {
  await refused('CreateResource', { TypeName: 'AWS::Nope::Thing', DesiredState: '{}' }, 'TypeNotFoundException', 404, /AWS::Nope::Thing/);
  await refused('GetResource', { TypeName: 'AWS::EC2::Nope', Identifier: 'x' }, 'TypeNotFoundException', 404, /cannot be found/);
  await assert.rejects(cc.send(new ListResourcesCommand({ TypeName: 'AWS::Nope::Thing' })), { name: 'TypeNotFoundException' });
});

test('schema violations: ValidationException 400 with Cloud Control’s wording', async () => {
  const create = (desired: object) => ({ TypeName: 'AWS::ApiGatewayV2::Integration', DesiredState: JSON.stringify(desired) });
  await refused('CreateResource', create({ IntegrationType: 'MOCK' }), 'ValidationException', 400, /^Model validation failed \(#: required key \[ApiId\] not found\)$/);
  await refused('CreateResource', create({ ApiId: apiId, IntegrationType: 'MOCK', Colour: 'red' }), 'ValidationException', 400, /#: extraneous key \[Colour\] is not permitted/);
  await refused('CreateResource', create({ ApiId: apiId, IntegrationType: ['MOCK'] }), 'ValidationException', 400, /#\/IntegrationType: expected type: String, found: JSONArray/);
  await refused('CreateResource', { TypeName: 'AWS::EC2::VPC', DesiredState: 'not json' }, 'ValidationException', 400, /DesiredState is not valid JSON/);
  const err = await cc.send(new CreateResourceCommand(create({ ApiId: 7, IntegrationType: 'MOCK' }))).catch((e: Error) => e);
  assert.equal((err as Error).name, 'ValidationException', 'not in the model: the SDK names it from __type');
  assert.equal((err as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode, 400);
});

test('read-only properties in the desired state: InvalidRequestException 400', async () => {
  await refused(
    'CreateResource',
    { TypeName: 'AWS::ApiGatewayV2::Api', DesiredState: JSON.stringify({ Name: 'x', ProtocolType: 'HTTP', ApiId: 'abcdefghij' }) },
    'InvalidRequestException',
    400,
    /\/properties\/ApiId/,
  );
  await assert.rejects(
    cc.send(new CreateResourceCommand({ TypeName: 'AWS::EC2::VPC', DesiredState: '{"VpcId":"vpc-1"}' })),
    { name: 'InvalidRequestException' },
  );
});

test('child lists without their parent: InvalidRequestException naming the property', async () => {
  await refused('ListResources', { TypeName: 'AWS::ApiGatewayV2::Integration' }, 'InvalidRequestException', 400, /Required property: \[ApiId\]/);
  await refused('ListResources', { TypeName: 'AWS::ApiGatewayV2::Integration', ResourceModel: '{"Name":"x"}' }, 'InvalidRequestException', 400, /\[ApiId\]/);
  await assert.rejects(cc.send(new ListResourcesCommand({ TypeName: 'AWS::ApiGatewayV2::Integration' })), (e: Error) => {
    assert.equal(e.name, 'InvalidRequestException');
    assert.match(e.message, /AWS::ApiGatewayV2::Integration list handler.*\[ApiId\]/);
    return true;
  });
});

// DeleteResource of an unknown identifier is accepted and ends FAILED NotFound (local-registry.test.ts).
test('unknown identifiers: ResourceNotFoundException 404 for get and update', async () => {
  await refused('GetResource', { TypeName: 'AWS::EC2::VPC', Identifier: 'vpc-00000000000000000' }, 'ResourceNotFoundException', 404, /vpc-00000000000000000/);
  await refused('UpdateResource', { TypeName: 'AWS::EC2::VPC', Identifier: 'vpc-0', PatchDocument: '[]' }, 'ResourceNotFoundException', 404, /not found/);
  await refused('ListResources', { TypeName: 'AWS::ApiGatewayV2::Integration', ResourceModel: '{"ApiId":"zzzzzzzzzz"}' }, 'ResourceNotFoundException', 404, /zzzzzzzzzz/);
  for (const cmd of [
    new GetResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: 'vpc-0' }),
    new UpdateResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: 'vpc-0', PatchDocument: '[]' }),
  ]) {
    await assert.rejects(cc.send(cmd as never), (e: Error & { $metadata: { httpStatusCode: number }; $fault: string }) => {
      assert.equal(e.name, 'ResourceNotFoundException');
      assert.equal(e.$metadata.httpStatusCode, 404);
      assert.equal(e.$fault, 'client');
      return true;
    });
  }
});

test('patching create-only or read-only properties: NotUpdatableException 400', async () => {
  await refused(
    'UpdateResource',
    { TypeName: 'AWS::ApiGatewayV2::Integration', Identifier: integration, PatchDocument: '[{"op":"replace","path":"/ApiId","value":"other"}]' },
    'NotUpdatableException',
    400,
    /^Invalid patch update: createOnlyProperties \[\/properties\/ApiId\] cannot be updated$/,
  );
  await refused(
    'UpdateResource',
    { TypeName: 'AWS::ApiGatewayV2::Integration', Identifier: integration, PatchDocument: '[{"op":"remove","path":"/IntegrationId"}]' },
    'NotUpdatableException',
    400,
    /readOnlyProperties \[\/properties\/IntegrationId\]/,
  );
  await assert.rejects(
    cc.send(new UpdateResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Api', Identifier: apiId, PatchDocument: '[{"op":"replace","path":"/ProtocolType","value":"WEBSOCKET"}]' })),
    { name: 'NotUpdatableException' },
  );
  await refused(
    'UpdateResource',
    { TypeName: 'AWS::ApiGatewayV2::Integration', Identifier: integration, PatchDocument: '{"op":"add"}' },
    'ValidationException',
    400,
    /Invalid patch document/,
  );
});

test('duplicate primary identifiers: the operation ends FAILED with AlreadyExists, nothing changes', async () => {
  const before = (await rawCall(cloud.endpoint, 'GetResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'taken' })).body;
  const e = (await cc.send(new CreateResourceCommand({ TypeName: 'AWS::S3::Bucket', DesiredState: '{"BucketName":"taken","Tags":[{"Key":"k","Value":"v"}]}' }))).ProgressEvent!;
  assert.equal(e.OperationStatus, 'IN_PROGRESS');
  const s = (await cc.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken }))).ProgressEvent!;
  assert.equal(s.OperationStatus, 'FAILED');
  assert.equal(s.ErrorCode, 'AlreadyExists');
  assert.match(s.StatusMessage!, /'taken' already exists/);
  // The caller named the bucket, so the events name it (the AWS CLI's get-resource-request-status example: FAILED AlreadyExists, "Identifier": "Demo").
  assert.equal(s.Identifier, 'taken');
  assert.deepEqual((await rawCall(cloud.endpoint, 'GetResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'taken' })).body, before);
  const list = await rawCall(cloud.endpoint, 'ListResources', { TypeName: 'AWS::S3::Bucket' });
  assert.equal((list.body.ResourceDescriptions as unknown[]).length, 1);
});

test('a child whose parent does not exist: FAILED with NotFound', async () => {
  const e = (await cc.send(new CreateResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Integration', DesiredState: '{"ApiId":"nosuchapi0","IntegrationType":"MOCK"}' }))).ProgressEvent!;
  const s = (await cc.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken }))).ProgressEvent!;
  assert.equal(s.OperationStatus, 'FAILED');
  assert.equal(s.ErrorCode, 'NotFound');
  assert.match(s.StatusMessage!, /AWS::ApiGatewayV2::Api.*nosuchapi0/);
});

test('request tokens and client tokens', async () => {
  await refused('GetResourceRequestStatus', { RequestToken: 'no-such-token' }, 'RequestTokenNotFoundException', 404, /no-such-token/);
  await refused('CancelResourceRequest', { RequestToken: 'no-such-token' }, 'RequestTokenNotFoundException', 404, /no-such-token/);
  await assert.rejects(cc.send(new GetResourceRequestStatusCommand({ RequestToken: 'nope' })), { name: 'RequestTokenNotFoundException' });
  const first = await rawCall(cloud.endpoint, 'CreateResource', { TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.0.0.0/16"}', ClientToken: 'ct-1' });
  assert.equal(first.status, 200);
  await refused(
    'CreateResource',
    { TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.1.0.0/16"}', ClientToken: 'ct-1' },
    'ClientTokenConflictException',
    409,
    /ct-1/,
  );
  const token = (first.body.ProgressEvent as { RequestToken: string }).RequestToken;
  await rawCall(cloud.endpoint, 'GetResourceRequestStatus', { RequestToken: token });
  await assert.rejects(cc.send(new CancelResourceRequestCommand({ RequestToken: token })), (e: Error & { $metadata: { httpStatusCode: number } }) => {
    assert.equal(e.name, 'ConcurrentModificationException');
    assert.equal(e.$metadata.httpStatusCode, 500);
    return true;
  });
});

test('an operation on a resource with one in progress: ConcurrentOperationException 409', async () => {
  // The cloud's clock stands still but when the test moves it: an operation is in
  // progress exactly as long as the test needs.
  let now = Date.now();
  const slow = await startLocalCloud({ port: 0, opDelayMs: 250, clock: () => now });
  const c = client(slow.endpoint, 'us-east-1', { maxAttempts: 1 });
  try {
    const e = (await c.send(new CreateResourceCommand({ TypeName: 'AWS::S3::Bucket', DesiredState: '{"BucketName":"held"}' }))).ProgressEvent!;
    // The create's 250 ms pass; then the bucket is idle.
    now += 250;
    const status = (await c.send(new GetResourceRequestStatusCommand({ RequestToken: e.RequestToken }))).ProgressEvent!.OperationStatus;
    assert.equal(status, 'SUCCESS');
    const del = await rawCall(slow.endpoint, 'DeleteResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'held' });
    assert.equal(del.status, 200);
    const update = await rawCall(slow.endpoint, 'UpdateResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'held', PatchDocument: '[{"op":"add","path":"/Tags","value":[]}]' });
    assert.equal(update.status, 409);
    assert.equal(update.body.__type, 'ConcurrentOperationException');
    assert.match(String(update.body.message), /in progress/);
    await assert.rejects(c.send(new DeleteResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: 'held' })), { name: 'ConcurrentOperationException' });
    const history = await rawCall(slow.endpoint, 'ListResourceRequests', {});
    assert.deepEqual((history.body.ResourceRequestStatusSummaries as { Operation: string }[]).map((r) => r.Operation), ['DELETE', 'CREATE'], 'refused requests leave no trace');
    const still = await rawCall(slow.endpoint, 'GetResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'held' });
    assert.equal(JSON.parse((still.body.ResourceDescription as { Properties: string }).Properties).Tags, undefined);
  } finally {
    c.destroy();
    await slow.close();
  }
});

test('wire-level refusals: auth, region, target, body, input constraints', async () => {
  await refused('GetResource', { TypeName: 'AWS::EC2::VPC', Identifier: 'x' }, 'MissingAuthenticationTokenException', 403, /Missing Authentication Token/, {
    headers: { Authorization: '' },
  });
  await refused('GetResource', { TypeName: 'AWS::EC2::VPC', Identifier: 'x' }, 'InvalidSignatureException', 403, /correct service/, {
    headers: { Authorization: authorization('us-east-1', 's3') },
  });
  await refused('GetResource', { TypeName: 'AWS::EC2::VPC', Identifier: 'x' }, 'InvalidSignatureException', 403, /serves: us-east-1, eu-west-1/, {
    region: 'ap-south-1',
  });
  await refused('DescribeType', {}, 'UnknownOperationException', 400, /DescribeType/);
  await refused('GetResource', null, 'SerializationException', 400, /not valid JSON/, { body: '{"TypeName":' });
  await refused('ListResources', { TypeName: 'AWS::EC2::VPC', MaxResults: 101 }, 'ValidationException', 400, /Value '101' at 'maxResults'.*less than or equal to 100/);
  await refused('GetResource', { TypeName: 'AWS::EC2::VPC' }, 'ValidationException', 400, /Value null at 'identifier'/);
  await refused('ListResources', { TypeName: 'AWS::EC2::VPC', NextToken: 'Zm9v' }, 'InvalidRequestException', 400, /NextToken/);
  const wrongRegion = client(cloud.endpoint, 'ap-south-1', { maxAttempts: 1 });
  await assert.rejects(wrongRegion.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' })), { name: 'InvalidSignatureException' });
  wrongRegion.destroy();
});

test('documents nested too deeply: ValidationException 400, never a 500 the SDK would retry', async () => {
  const nest = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const brackets = (n: number) => '['.repeat(n) + ']'.repeat(n);
  // AWS::IAM::Role's policy document is free-form JSON: no schema stops the recursion early.
  const role = await created('AWS::IAM::Role', { AssumeRolePolicyDocument: { Version: '2012-10-17' } });
  for (const inner of [brackets(5000), brackets(100_000), nest(64)]) {
    await refused(
      'CreateResource',
      { TypeName: 'AWS::IAM::Role', DesiredState: `{"AssumeRolePolicyDocument":${inner}}` },
      'ValidationException',
      400,
      /^DesiredState nests deeper than 64 levels of objects and arrays$/,
    );
    await refused(
      'UpdateResource',
      { TypeName: 'AWS::IAM::Role', Identifier: role, PatchDocument: `[{"op":"add","path":"/AssumeRolePolicyDocument/Statement","value":${inner}}]` },
      'ValidationException',
      400,
      /^Invalid patch document: (it nests deeper than 66 levels|'\/AssumeRolePolicyDocument\/Statement': the patched document would nest deeper than 64 levels)/,
    );
  }
  await refused('ListResources', { TypeName: 'AWS::ApiGatewayV2::Integration', ResourceModel: `{"ApiId":${brackets(5000)}}` }, 'ValidationException', 400, /ResourceModel nests deeper/);
  // copy can nest a value inside itself, one level deeper per operation: each write is checked.
  const grow = Array.from({ length: 100 }, () => ({ op: 'copy', from: '/AssumeRolePolicyDocument', path: '/AssumeRolePolicyDocument/Version' }));
  await refused('UpdateResource', { TypeName: 'AWS::IAM::Role', Identifier: role, PatchDocument: JSON.stringify(grow) }, 'ValidationException', 400, /would nest deeper than 64 levels/);
  // The request body itself: the filter's lists are where a deep body would be walked.
  await refused('ListResourceRequests', null, 'SerializationException', 400, /request body nests deeper than 64 levels/, {
    body: `{"ResourceRequestStatusFilter":{"Operations":${brackets(100_000)}}}`,
  });
  // Through the official client, which retries 5xx: one attempt, a client fault.
  const retrying = client(cloud.endpoint, 'us-east-1', { maxAttempts: 3 });
  await assert.rejects(
    retrying.send(new CreateResourceCommand({ TypeName: 'AWS::IAM::Role', DesiredState: `{"AssumeRolePolicyDocument":${brackets(5000)}}` })),
    (e: Error & { $metadata: { httpStatusCode: number; attempts: number }; $fault: string }) => {
      assert.equal(e.name, 'ValidationException');
      assert.deepEqual([e.$metadata.httpStatusCode, e.$metadata.attempts, e.$fault], [400, 1, 'client']);
      return true;
    },
  );
  retrying.destroy();
  // The limit itself is allowed: 64 levels, the model's own object counted.
  const deepest = await created('AWS::IAM::Role', { AssumeRolePolicyDocument: JSON.parse(nest(63)) });
  const got = await rawCall(cloud.endpoint, 'GetResource', { TypeName: 'AWS::IAM::Role', Identifier: deepest });
  assert.equal(JSON.parse((got.body.ResourceDescription as { Properties: string }).Properties).AssumeRolePolicyDocument.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a, 1);
});

test('patch paths through __proto__, constructor or prototype: ValidationException naming the path', async () => {
  const role = await created('AWS::IAM::Role', { AssumeRolePolicyDocument: { Version: '2012-10-17' } });
  const update = (path: string, value: unknown = { BucketName: 'other' }) => JSON.stringify([{ op: 'add', path, value }]);
  // Before this was refused, '/__proto__' answered 200 and swapped the model's prototype: a silent no-op.
  await refused('UpdateResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'taken', PatchDocument: update('/__proto__') }, 'ValidationException', 400, /^Invalid patch document: operation 0: path '\/__proto__' goes through '__proto__'/);
  await refused('UpdateResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'taken', PatchDocument: update('/__proto__/polluted', true) }, 'ValidationException', 400, /'\/__proto__\/polluted'/);
  await refused('UpdateResource', { TypeName: 'AWS::IAM::Role', Identifier: role, PatchDocument: update('/AssumeRolePolicyDocument/constructor', 1) }, 'ValidationException', 400, /path '\/AssumeRolePolicyDocument\/constructor' goes through 'constructor'/);
  await refused(
    'UpdateResource',
    { TypeName: 'AWS::IAM::Role', Identifier: role, PatchDocument: JSON.stringify([{ op: 'copy', from: '/AssumeRolePolicyDocument/constructor/prototype', path: '/Description' }]) },
    'ValidationException',
    400,
    /goes through 'constructor'/,
  );
  await assert.rejects(
    cc.send(new UpdateResourceCommand({ TypeName: 'AWS::IAM::Role', Identifier: role, PatchDocument: update('/AssumeRolePolicyDocument/prototype', 1) })),
    { name: 'ValidationException', message: /'\/AssumeRolePolicyDocument\/prototype'/ },
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'the server runs in this process: nothing reached Object.prototype');
});

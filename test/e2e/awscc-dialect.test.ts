// StackQL's awscc dialect end to end, in-process against the local cloud: the examples
// issue 11 lists from published StackQL material, each doing what its source says —
// _list_only tables, Identifier and PatchDocument as the request columns, RETURNING of
// the ProgressEvent's fields, INSERT with property names, a global service read with no
// region — and the v2 (Rust) stackql-deploy example's statements, one by one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { objects, runScript } from '../support/engine-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy, writes } from '../support/request-witness.js';
import { EXAMPLES } from './deploy-support.js';

let cloud: TestCloud;

before(async () => {
  cloud = await startTestCloud();
});
after(async () => {
  await cloud.close();
});

async function ok(script: string, vars?: Record<string, unknown>) {
  const r = await runScript(cloud, script, { await: false, ...(vars ? { vars } : {}) });
  if (r.error) throw r.error;
  return r.results.map(objects);
}

async function props(type: string, id: string): Promise<Record<string, unknown>> {
  const out = await cloud.client().send(new GetResourceCommand({ TypeName: type, Identifier: id }));
  return JSON.parse(out.ResourceDescription!.Properties!) as Record<string, unknown>;
}

test('INSERT INTO awscc.s3.buckets (BucketName, region) SELECT …, then buckets_list_only lists it and Identifier reads it', async () => {
  const [created] = await ok(`/*+ AWAIT */ INSERT INTO awscc.s3.buckets (BucketName, region) SELECT 'awscc-one', 'us-east-1'`);
  assert.equal(created[0].operation_status, 'SUCCESS');
  const [listed] = await ok(`SELECT region, bucket_name FROM awscc.s3.buckets_list_only WHERE region = 'us-east-1'`);
  assert.deepEqual(listed.filter((r) => r.bucket_name === 'awscc-one'), [{ region: 'us-east-1', bucket_name: 'awscc-one' }]);
  const [read] = await ok(`SELECT * FROM awscc.s3.buckets WHERE region = 'us-east-1' AND Identifier = 'awscc-one'`);
  assert.equal(read.length, 1);
  assert.equal(read[0].bucket_name, 'awscc-one');
  assert.equal(read[0].arn, 'arn:aws:s3:::awscc-one');
});

test('_list_only makes ListResources calls only, never a GetResource', async () => {
  const proxy = await recordingProxy(cloud);
  try {
    const r = await runScript(proxy.endpoint, `SELECT COUNT(*) AS count FROM awscc.s3.buckets_list_only WHERE region = 'us-east-1' AND bucket_name = 'awscc-one'`);
    assert.equal(r.error, undefined);
    assert.deepEqual(objects(r.results[0]), [{ count: 1 }]);
    assert.ok(proxy.calls.length > 0);
    assert.deepEqual([...new Set(proxy.calls.map((c) => c.operation))], ['ListResources']);
  } finally {
    await proxy.close();
  }
});

test('UPDATE awscc.ec2.vpcs SET PatchDocument = string(generate_patch_document) WHERE Identifier … RETURNING the ProgressEvent fields', async () => {
  const [made] = await ok(`/*+ AWAIT */ INSERT INTO awscc.ec2.vpcs (CidrBlock, region) SELECT '10.7.0.0/16', 'us-east-1'`);
  const vpcId = String(made[0].identifier);
  const [returned] = await ok(
    `UPDATE awscc.ec2.vpcs
SET PatchDocument = string('{{ { "Tags": tags, "EnableDnsHostnames": true } | generate_patch_document }}')
WHERE region = '{{ region }}' AND Identifier = '{{ vpc_id }}'
RETURNING ErrorCode, Identifier, Operation, OperationStatus, RequestToken`,
    { region: 'us-east-1', vpc_id: vpcId, tags: [{ Key: 'Name', Value: 'awscc-vpc' }] },
  );
  assert.equal(returned.length, 1);
  assert.deepEqual(Object.keys(returned[0]), ['ErrorCode', 'Identifier', 'Operation', 'OperationStatus', 'RequestToken']);
  assert.equal(returned[0].Identifier, vpcId);
  assert.equal(returned[0].Operation, 'UPDATE');
  assert.equal(returned[0].ErrorCode, null);
  assert.match(String(returned[0].RequestToken), /\S/);
  // Not awaited (no AWAIT hint): the answer is the call's own event; the cloud finishes it.
  const [status] = await ok(`SELECT operation_status FROM aws.cloud_control.resource_requests WHERE region = 'us-east-1' AND data__RequestToken = '${returned[0].RequestToken}'`);
  assert.ok(['IN_PROGRESS', 'SUCCESS'].includes(String(status[0].operation_status)));
  for (let i = 0; i < 200 && (await props('AWS::EC2::VPC', vpcId)).EnableDnsHostnames !== true; i++) await new Promise((r) => setImmediate(r));
  const vpc = await props('AWS::EC2::VPC', vpcId);
  assert.equal(vpc.EnableDnsHostnames, true);
  assert.deepEqual(vpc.Tags, [{ Key: 'Name', Value: 'awscc-vpc' }]);
});

test('RETURNING * on awscc is every ProgressEvent field; on aws it stays the resource columns, with event fields by name', async () => {
  const [cc] = await ok(`INSERT INTO awscc.s3.buckets (BucketName, region) SELECT 'awscc-two', 'us-east-1' RETURNING *`);
  assert.deepEqual(Object.keys(cc[0]), [
    'TypeName', 'Identifier', 'RequestToken', 'HooksRequestToken', 'Operation', 'OperationStatus', 'EventTime', 'ResourceModel', 'StatusMessage', 'ErrorCode', 'RetryAfter',
  ]);
  assert.equal(cc[0].TypeName, 'AWS::S3::Bucket');
  assert.equal(cc[0].Operation, 'CREATE');
  const [aws] = await ok(`INSERT INTO aws.s3.buckets (BucketName, region) SELECT 'aws-three', 'us-east-1' RETURNING bucket_name, arn, OperationStatus, RequestToken`);
  assert.equal(aws[0].bucket_name, 'aws-three');
  assert.equal(aws[0].arn, 'arn:aws:s3:::aws-three');
  assert.equal(aws[0].OperationStatus, 'SUCCESS');
  const bad = await runScript(cloud, `INSERT INTO awscc.s3.buckets (BucketName, region) SELECT 'never', 'us-east-1' RETURNING bucket_name`);
  assert.match(bad.error?.message ?? '', /Unknown column 'bucket_name' in RETURNING: not a ProgressEvent field \(awscc returns the request, not the resource\)/);
});

test('DELETE FROM awscc.s3.buckets WHERE Identifier = … deletes that one bucket', async () => {
  await ok(`/*+ AWAIT */ DELETE FROM awscc.s3.buckets WHERE Identifier = 'awscc-two' AND region = 'us-east-1'`);
  const [left] = await ok(`SELECT bucket_name FROM awscc.s3.buckets_list_only WHERE region = 'us-east-1' AND bucket_name = 'awscc-two'`);
  assert.deepEqual(left, []);
});

test('aws.iam.roles with data__Identifier and no region: IAM is global, read (and written) in us-east-1', async () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  await ok(`/*+ AWAIT */ INSERT INTO aws.iam.roles (RoleName, AssumeRolePolicyDocument, region) SELECT 'global-role', '${policy}', 'us-east-1'`);
  const r = await runScript(cloud, `SELECT role_name, arn FROM aws.iam.roles WHERE data__Identifier = 'global-role'`);
  assert.equal(r.error, undefined);
  assert.deepEqual(objects(r.results[0]).map((x) => x.role_name), ['global-role']);
  assert.match(String(objects(r.results[0])[0].arn), /^arn:aws:iam::\d{12}:role\/global-role$/);
  assert.deepEqual(r.results[0].notices, ['iam is a global service: region us-east-1']);
  // INSERT into a global service needs no region either.
  await ok(`/*+ AWAIT */ INSERT INTO awscc.iam.roles (RoleName, AssumeRolePolicyDocument) SELECT 'global-role-2', '${policy}'`);
  const [both] = await ok(`SELECT role_name FROM awscc.iam.roles_list_only WHERE role_name LIKE 'global-role%' ORDER BY role_name`);
  assert.deepEqual(both.map((x) => x.role_name), ['global-role', 'global-role-2']);
  // A regional service still needs its region, with the corrected query.
  const regional = await runScript(cloud, `SELECT bucket_name FROM aws.s3.buckets`);
  assert.match(regional.error?.message ?? '', /aws\.s3\.buckets needs a region[\s\S]*WHERE region = 'us-east-1'/);
});

/** The anchors of a stackql-deploy query file, by name. */
function anchors(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of readFileSync(file, 'utf8').split(/(?=\/\*\+ )/)) {
    const m = /^\/\*\+ (\w+)/.exec(part);
    if (m) out.set(m[1], part.trim());
  }
  return out;
}

test("aws-minimal-s3-bucket-v2-rust's statements run one by one: exists, create RETURNING *, statecheck, update, exports, delete", async () => {
  const q = anchors(join(EXAMPLES, 'aws-minimal-s3-bucket-v2-rust', 'resources', 'bucket1.iql'));
  const name = 'patch-doc-test-dev-bucket1';
  const tags = [
    { Key: 'stackql:stack-name', Value: 'patch-doc-test' },
    { Key: 'Name', Value: name },
  ];
  const vars = { region: 'us-east-1', bucket1_name: name, bucket1_versioning_config: { Status: 'Enabled' }, bucket1_tags: tags };
  const count = async (sql: string) => Number((await ok(sql, vars)).at(-1)![0].count);
  assert.equal(await count(q.get('exists')!), 0);
  const [created] = await ok(q.get('create')!, vars);
  assert.equal(created[0].Operation, 'CREATE');
  assert.equal(created[0].Identifier, name);
  // The create's own event is returned (RETURNING * does not wait); the statecheck polls.
  let passed = 0;
  for (let i = 0; i < 200 && passed !== 1; i++) passed = await count(q.get('statecheck')!);
  assert.equal(passed, 1);
  assert.equal(await count(q.get('exists')!), 1);
  const suspended = { ...vars, bucket1_versioning_config: { Status: 'Suspended' } };
  const proxy = await recordingProxy(cloud);
  try {
    const u = await runScript(proxy.endpoint, q.get('update')!, { vars: suspended, await: true });
    assert.equal(u.error, undefined);
    const sent = writes(proxy.calls);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].operation, 'UpdateResource');
    assert.equal(sent[0].input.Identifier, name);
  } finally {
    await proxy.close();
  }
  assert.deepEqual((await props('AWS::S3::Bucket', name)).VersioningConfiguration, { Status: 'Suspended' });
  const [exported] = await ok(q.get('exports')!, vars);
  assert.deepEqual(exported, [{ bucket1_name: name, bucket1_arn: `arn:aws:s3:::${name}` }]);
  await ok(`/*+ AWAIT */ ${q.get('delete')!.replace(/^\/\*\+ delete \*\/\s*/, '')}`, vars);
  assert.equal(await count(q.get('exists')!), 0);
});

test('awscc.cloud_control.resources / resource / resource_request: any type by TypeName, one resource by Identifier, one request by RequestToken (stackql-provider-awscc docs)', async () => {
  const [made] = await ok(`/*+ AWAIT */ INSERT INTO awscc.s3.buckets (BucketName, region) SELECT 'any-type-bucket', 'us-east-1'`);
  const [listed] = await ok(`SELECT identifier FROM awscc.cloud_control.resources WHERE region = 'us-east-1' AND TypeName = 'AWS::S3::Bucket'`);
  assert.ok(listed.some((r) => r.identifier === 'any-type-bucket'));
  const [one] = await ok(
    `SELECT identifier, json_extract(properties, '$.Arn') AS arn FROM awscc.cloud_control.resource WHERE region = 'us-east-1' AND TypeName = 'AWS::S3::Bucket' AND Identifier = 'any-type-bucket'`,
  );
  assert.deepEqual(one, [{ identifier: 'any-type-bucket', arn: 'arn:aws:s3:::any-type-bucket' }]);
  const [request] = await ok(`SELECT operation, operation_status FROM awscc.cloud_control.resource_request WHERE region = 'us-east-1' AND RequestToken = '${made[0].request_token}'`);
  assert.deepEqual(request, [{ operation: 'CREATE', operation_status: 'SUCCESS' }]);
  const refusals: [string, RegExp][] = [
    [`SELECT identifier FROM awscc.cloud_control.resources WHERE region = 'us-east-1'`, /reads one type at a time: add TypeName = 'AWS::S3::Bucket'/],
    [`SELECT identifier FROM awscc.cloud_control.resources WHERE region = 'us-east-1' AND TypeName = 'AWS::S3::Buckets'`, /TypeName 'AWS::S3::Buckets' is not a type Cloud Control manages\. Did you mean 'AWS::S3::Bucket'\?/],
    [`SELECT identifier FROM awscc.cloud_control.resource WHERE region = 'us-east-1' AND TypeName = 'AWS::S3::Bucket'`, /reads one resource: add Identifier = '…'/],
    [`DELETE FROM awscc.cloud_control.resource WHERE region = 'us-east-1' AND TypeName = 'AWS::S3::Bucket' AND Identifier = 'any-type-bucket'`, /cannot be written/],
  ];
  for (const [sql, message] of refusals) {
    const r = await runScript(cloud, sql);
    assert.match(r.error?.message ?? '(no error)', message, sql);
  }
});

// stackql-deploy's aws-minimal-s3-bucket-v2-rust example (provider awscc), unchanged:
// built (INSERT … RETURNING * answers with the ProgressEvent; the statecheck polls until
// the bucket is there), tested, built again without a write, and torn down.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { deploy, EXAMPLES, held } from './deploy-support.js';

const STACK = join(EXAMPLES, 'aws-minimal-s3-bucket-v2-rust');
const BUCKET = 'patch-doc-test-dev-bucket1';

let cloud: TestCloud;

before(async () => {
  cloud = await startTestCloud();
});
after(async () => {
  await cloud.close();
});

test('build creates the bucket through awscc and exports its name and arn', async () => {
  const r = await deploy(cloud, 'build', STACK, 'dev');
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.map((o) => [o.name, o.action]), [['bucket1', 'created, statecheck passed']]);
  assert.equal(r.writes, 1);
  assert.deepEqual(r.result!.exports, { bucket1_name: BUCKET, bucket1_arn: `arn:aws:s3:::${BUCKET}` });
  const out = await cloud.client().send(new GetResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: BUCKET }));
  const props = JSON.parse(out.ResourceDescription!.Properties!) as Record<string, unknown>;
  assert.deepEqual(props.VersioningConfiguration, { Status: 'Enabled' });
  assert.deepEqual(
    (props.Tags as { Key: string }[]).map((t) => t.Key).sort(),
    ['Name', 'stackql:resource-name', 'stackql:stack-env', 'stackql:stack-name'],
  );
});

test('test passes, and a second build makes no write', async () => {
  const t = await deploy(cloud, 'test', STACK, 'dev');
  assert.equal(t.error, undefined, t.stderr);
  const b = await deploy(cloud, 'build', STACK, 'dev');
  assert.equal(b.error, undefined, b.stderr);
  assert.equal(b.result!.resources[0].action, 'exists, in desired state');
  assert.equal(t.writes + b.writes, 0);
});

test('teardown deletes the bucket; the cloud holds none', async () => {
  const r = await deploy(cloud, 'teardown', STACK, 'dev');
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.map((o) => o.action), ['deleted']);
  assert.deepEqual(await held(cloud, 'AWS::S3::Bucket'), []);
});

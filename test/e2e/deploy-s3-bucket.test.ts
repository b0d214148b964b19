// stackql-deploy's aws-minimal-s3-bucket example (v1's patch-doc-test), unchanged:
// built, tested, built again without a write, updated when its versioning is edited,
// torn down, and nothing of it left in the cloud.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy } from '../support/request-witness.js';
import { copyStack, deploy, EXAMPLES, held } from './deploy-support.js';

const STACK = join(EXAMPLES, 'aws-minimal-s3-bucket');
const BUCKET = 'patch-doc-test-dev-bucket1';

let cloud: TestCloud;
let edited: ReturnType<typeof copyStack>;

before(async () => {
  cloud = await startTestCloud();
  // The update flow edits the manifest, so it runs on a copy; the example stays as it is.
  edited = copyStack(STACK);
  edited.edit('stackql_manifest.yml', (t) => t.replace('Status: Enabled', 'Status: Suspended'));
});

after(async () => {
  edited.remove();
  await cloud.close();
});

async function bucket(): Promise<Record<string, unknown>> {
  const out = await cloud.client().send(new GetResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: BUCKET }));
  return JSON.parse(out.ResourceDescription!.Properties!) as Record<string, unknown>;
}

test('build --dry-run renders every query and makes no call at all', async () => {
  const proxy = await recordingProxy(cloud);
  try {
    const r = await deploy(cloud, 'build', STACK, 'dev', { dryRun: true, endpoint: proxy.endpoint });
    assert.equal(r.error, undefined, r.stderr);
    assert.deepEqual(proxy.calls, []);
    for (const anchor of ['exists', 'create', 'update, if it exists and its statecheck fails', 'statecheck', 'exports']) {
      assert.ok(r.stdout.includes(`-- bucket1 [${anchor}]`), `no ${anchor} in\n${r.stdout}`);
    }
    assert.match(r.stdout, /'\{"Status":"Enabled"\}'/);
    assert.match(r.stdout, /"op":"add","path":"\/VersioningConfiguration"/);
  } finally {
    await proxy.close();
  }
});

test('build creates the bucket with its versioning and merged tags, and exports its name and arn', async () => {
  const r = await deploy(cloud, 'build', STACK, 'dev');
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.map((o) => [o.name, o.action]), [['bucket1', 'created, statecheck passed']]);
  assert.equal(r.writes, 1);
  assert.deepEqual(r.result!.exports, { bucket1_name: BUCKET, bucket1_arn: `arn:aws:s3:::${BUCKET}` });
  const props = await bucket();
  assert.deepEqual(props.VersioningConfiguration, { Status: 'Enabled' });
  assert.deepEqual(props.Tags, [
    { Key: 'Name', Value: BUCKET },
    { Key: 'Provisioner', Value: 'stackql' },
    { Key: 'StackName', Value: 'patch-doc-test' },
    { Key: 'StackEnv', Value: 'dev' },
  ]);
  assert.match(r.stderr, /^ {2}bucket1 +created, statecheck passed +\d+\.\d\d s$/m);
});

test('test passes, and a second build makes no write', async () => {
  const t = await deploy(cloud, 'test', STACK, 'dev');
  assert.equal(t.error, undefined, t.stderr);
  assert.equal(t.result!.resources[0].action, 'passed (statecheck)');
  const b = await deploy(cloud, 'build', STACK, 'dev');
  assert.equal(b.error, undefined, b.stderr);
  assert.equal(b.result!.resources[0].action, 'exists, in desired state');
  assert.equal(t.writes + b.writes, 0, 'the request history grew');
});

test('versioning edited to Suspended: build sends one update, and the statecheck passes', async () => {
  const r = await deploy(cloud, 'build', edited.dir, 'dev');
  assert.equal(r.error, undefined, r.stderr);
  assert.equal(r.result!.resources[0].action, 'updated, statecheck passed');
  assert.equal(r.writes, 1);
  assert.deepEqual((await bucket()).VersioningConfiguration, { Status: 'Suspended' });
  const t = await deploy(cloud, 'test', edited.dir, 'dev');
  assert.equal(t.error, undefined, t.stderr);
});

test("the unedited stack's test now fails after its 2 tries, naming file, anchor, line, query and what it returned, without sleeping", async () => {
  const started = performance.now();
  const r = await deploy(cloud, 'test', STACK, 'dev');
  assert.ok(r.error);
  assert.match(
    r.error.message,
    /^resources\/bucket1\.iql line 20 \[statecheck\]: test failed: 'bucket1' is not in the desired state \(2 checks 1 s apart\); the statecheck returned \[\{"count":0\}\]\. Query: SELECT COUNT\(\*\) as count FROM \( SELECT JSON_EQUAL\(versioning_configuration, '\{"Status":"Enabled"\}'\)/,
  );
  assert.deepEqual(r.slept, [1000]);
  assert.ok(performance.now() - started < 1000, 'the retry slept for real');
  assert.match(r.stderr, /bucket1 +… statecheck not passing yet, attempt 2\/2 in 1 s/);
  assert.match(r.stderr, /bucket1 +FAILED/);
  assert.equal(r.writes, 0);
});

test('teardown deletes the bucket and confirms it gone; the cloud holds no bucket', async () => {
  const r = await deploy(cloud, 'teardown', STACK, 'dev');
  assert.equal(r.error, undefined, r.stderr);
  assert.deepEqual(r.result!.resources.map((o) => o.action), ['deleted']);
  assert.equal(r.writes, 1);
  assert.deepEqual(await held(cloud, 'AWS::S3::Bucket'), []);
  const again = await deploy(cloud, 'teardown', STACK, 'dev');
  assert.deepEqual(again.result!.resources.map((o) => o.action), ['not found, nothing to delete']);
  assert.equal(again.writes, 0);
});

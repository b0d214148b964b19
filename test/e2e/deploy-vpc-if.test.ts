// stackql-deploy's aws-single-vpc-with-if example, unchanged: `if:` picks which of two
// resources (sharing one query file) exists per environment; per-environment values.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { deploy, EXAMPLES, held } from './deploy-support.js';

const STACK = join(EXAMPLES, 'aws-single-vpc-with-if');

let cloud: TestCloud;
before(async () => (cloud = await startTestCloud()));
after(async () => cloud.close());

async function vpc(id: string): Promise<Record<string, unknown>> {
  const out = await cloud.client().send(new GetResourceCommand({ TypeName: 'AWS::EC2::VPC', Identifier: id }));
  return JSON.parse(out.ResourceDescription!.Properties!) as Record<string, unknown>;
}

test('sit: build creates the sit VPC only; test passes; a second build makes no write; teardown leaves no VPC', async () => {
  const b = await deploy(cloud, 'build', STACK, 'sit');
  assert.equal(b.error, undefined, b.stderr);
  assert.deepEqual(b.result!.resources.map((o) => [o.name, o.action]), [
    ['example_vpc', 'created, statecheck passed'],
    ['example_vpc_dev', 'skipped (if is false)'],
  ]);
  assert.equal(b.writes, 1);
  const { vpc_id: id, vpc_cidr_block: cidr } = b.result!.exports as { vpc_id: string; vpc_cidr_block: string };
  assert.equal(cidr, '10.1.0.0/16');
  const props = await vpc(id);
  assert.equal(props.CidrBlock, '10.1.0.0/16');
  assert.equal(props.EnableDnsHostnames, true);
  assert.deepEqual(props.Tags, [
    { Key: 'Name', Value: 'test-derek-aws-sit-vpc' },
    { Key: 'Provisioner', Value: 'stackql' },
    { Key: 'StackName', Value: 'test-derek-aws' },
    { Key: 'StackEnv', Value: 'sit' },
  ]);

  const t = await deploy(cloud, 'test', STACK, 'sit');
  assert.equal(t.error, undefined, t.stderr);
  assert.deepEqual(t.result!.resources.map((o) => o.action), ['passed (statecheck)', 'skipped (if is false)']);
  const again = await deploy(cloud, 'build', STACK, 'sit');
  assert.equal(again.error, undefined, again.stderr);
  assert.equal(again.result!.resources[0].action, 'exists, in desired state');
  assert.equal(t.writes + again.writes, 0);
  // The statecheck's retries (5, 5 s apart) were never needed, so nothing slept.
  assert.deepEqual([...b.slept, ...t.slept, ...again.slept], []);

  const d = await deploy(cloud, 'teardown', STACK, 'sit');
  assert.equal(d.error, undefined, d.stderr);
  assert.deepEqual(d.result!.resources.map((o) => [o.name, o.action]), [
    ['example_vpc_dev', 'skipped (if is false)'],
    ['example_vpc', 'deleted'],
  ]);
  assert.equal(d.writes, 1);
  assert.deepEqual(await held(cloud, 'AWS::EC2::VPC'), []);
});

test('dev: the other resource, with its own value, is built from the same file and torn down', async () => {
  const b = await deploy(cloud, 'build', STACK, 'dev');
  assert.equal(b.error, undefined, b.stderr);
  assert.deepEqual(b.result!.resources.map((o) => o.action), ['skipped (if is false)', 'created, statecheck passed']);
  assert.equal((await vpc(String(b.result!.exports.vpc_id))).CidrBlock, '10.3.0.0/16');
  const d = await deploy(cloud, 'teardown', STACK, 'dev');
  assert.equal(d.error, undefined, d.stderr);
  assert.deepEqual(await held(cloud, 'AWS::EC2::VPC'), []);
});

test('prd: both conditions are false, so nothing is read or written', async () => {
  const b = await deploy(cloud, 'build', STACK, 'prd');
  assert.equal(b.error, undefined, b.stderr);
  assert.deepEqual(b.result!.resources.map((o) => o.action), ['skipped (if is false)', 'skipped (if is false)']);
  assert.equal(b.writes, 0);
});

test('an environment with no value for vpc_cidr_block is refused before any call, naming file, line, prop and environment', async () => {
  const r = await deploy(cloud, 'build', STACK, 'qa');
  assert.ok(r.error);
  assert.equal(
    r.error.message,
    `${join(STACK, 'stackql_manifest.yml')} line 26: resources[0].props[0] (vpc_cidr_block) of resource 'example_vpc' has no value for environment 'qa' (values are given for prd, sit, dev); add values.qa.value`,
  );
  assert.equal(r.writes, 0);
});

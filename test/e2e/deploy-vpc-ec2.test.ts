// stackql-deploy's aws-stack example (VPC, subnet, gateway, routes, security group, EC2
// instance, and a query resource), unchanged, against the local cloud: it works because
// the local cloud places an instance as EC2 does (its subnet's VPC, zone and addresses, a
// public DNS name where the subnet maps public IPs) and refuses what EC2 refuses (a VPC
// deleted before what is in it: DependencyViolation).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execArgs } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { deploy, EXAMPLES, held } from './deploy-support.js';

const STACK = join(EXAMPLES, 'aws-stack-vpc-ec2');
const TYPES = [
  'AWS::EC2::Instance',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::RouteTable',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::Subnet',
  'AWS::EC2::VPC',
];

let cloud: TestCloud;
before(async () => (cloud = await startTestCloud()));
after(async () => cloud.close());

/** Everything of the stack the cloud holds, as `type identifier` lines (routes under their tables). */
async function holding(): Promise<string[]> {
  const out: string[] = [];
  for (const type of TYPES) for (const id of await held(cloud, type)) out.push(`${type} ${id}`);
  for (const table of await held(cloud, 'AWS::EC2::RouteTable')) {
    for (const id of await held(cloud, 'AWS::EC2::Route', { RouteTableId: table })) out.push(`AWS::EC2::Route ${id}`);
  }
  return out.sort();
}

test('aws-stack-vpc-ec2 builds, tests, builds again without a write and tears down to nothing', async () => {
  // Every step runs (a deploy never throws), then the first failure is the one reported:
  // whatever happens, the teardown has had its chance to clean up.
  const b = await deploy(cloud, 'build', STACK, 'dev');
  const built = await holding();
  const t = await deploy(cloud, 'test', STACK, 'dev');
  const again = await deploy(cloud, 'build', STACK, 'dev');
  const d = await deploy(cloud, 'teardown', STACK, 'dev');
  const left = await holding();
  assert.equal(b.error?.message, undefined, b.stderr);
  // Nine the stack made, and what EC2 made with them: the VPC's default security group and
  // main route table, and the local route of each table (src/local/ec2-rules.ts, companions).
  assert.equal(built.length, 13, built.join('\n'));
  assert.equal(built.filter((l) => /^AWS::EC2::Route rtb-\w+\|10\.\d+\.0\.0\/16$/.test(l)).length, 2, built.join('\n'));
  const exports = b.result!.exports;
  assert.match(String(exports.web_server_url), /^http:\/\/ec2-\d+-\d+-\d+-\d+\.compute-1\.amazonaws\.com$/);
  assert.match(String(exports.availability_zone), /^us-east-1[a-f]$/);
  assert.equal(t.error?.message, undefined, t.stderr);
  assert.equal(again.error?.message, undefined, again.stderr);
  assert.equal(again.writes, 0, again.stderr);
  assert.equal(d.error?.message, undefined, d.stderr);
  assert.deepEqual(left, []);
});

test('deleting the VPC first with skyql fails with DependencyViolation and deletes nothing', async () => {
  const b = await deploy(cloud, 'build', STACK, 'dev');
  try {
    assert.equal(b.error?.message, undefined, b.stderr);
    const before = await holding();
    const vpc = String(b.result!.exports.vpc_id ?? (await held(cloud, 'AWS::EC2::VPC'))[0]);
    assert.match(vpc, /^vpc-[0-9a-f]{17}$/);
    const r = await execArgs(cloud, ['exec', `/*+ AWAIT */ DELETE FROM aws.ec2.vpcs WHERE data__Identifier = '${vpc}' AND region = 'us-east-1'`]);
    assert.notEqual(r.code, 0, r.stdout);
    assert.match(r.stderr, new RegExp(`GeneralServiceException: The vpc '${vpc}' has dependencies and cannot be deleted\\. \\(Service: AmazonEC2; Status Code: 400; Error Code: DependencyViolation;`));
    assert.deepEqual(await holding(), before, 'nothing was deleted');
  } finally {
    const d = await deploy(cloud, 'teardown', STACK, 'dev');
    assert.equal(d.error?.message, undefined, d.stderr);
  }
  assert.deepEqual(await holding(), []);
});

// stackql-deploy's aws-stack example (VPC, subnet, gateway, routes, security group, EC2
// instance, and a query resource), unchanged. A todo until the local cloud behaves like
// EC2 for it (issue 12, item 5): an instance must get its subnet's VpcId (the local cloud
// fills the read-only VpcId with the instance's own id, so the web server's exists query,
// which filters on vpc_id, never finds it), a subnet its region's availability zone, an
// instance a public DNS name when its subnet maps public IPs, and a VPC with subnets,
// gateways or instances must refuse deletion with DependencyViolation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { deploy, EXAMPLES, held } from './deploy-support.js';

const STACK = join(EXAMPLES, 'aws-stack-vpc-ec2');

let cloud: TestCloud;
before(async () => (cloud = await startTestCloud()));
after(async () => cloud.close());

test('aws-stack-vpc-ec2 builds, tests, builds again without a write and tears down to nothing', { todo: 'local cloud: EC2 instance VpcId/PublicDnsName, subnet AvailabilityZone, DependencyViolation' }, async () => {
  // Every step runs (a deploy never throws), then the first failure is the one reported:
  // whatever happens, the teardown has had its chance to clean up.
  const b = await deploy(cloud, 'build', STACK, 'dev');
  const t = await deploy(cloud, 'test', STACK, 'dev');
  const again = await deploy(cloud, 'build', STACK, 'dev');
  const d = await deploy(cloud, 'teardown', STACK, 'dev');
  const left: string[] = [];
  for (const type of ['AWS::EC2::Instance', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Subnet', 'AWS::EC2::InternetGateway', 'AWS::EC2::VPC']) {
    left.push(...(await held(cloud, type)));
  }
  assert.equal(b.error?.message, undefined, b.stderr);
  assert.match(String(b.result!.exports.web_server_url), /^http:\/\/ec2-[\d-]+\.compute-1\.amazonaws\.com$/);
  assert.equal(t.error?.message, undefined, t.stderr);
  assert.equal(again.writes, 0);
  assert.equal(d.error?.message, undefined, d.stderr);
  assert.deepEqual(left, []);
});

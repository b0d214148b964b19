import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateAttributes, renderArnTemplate } from './attribute-generator.js';
import { TypeRegistry } from './resource-type.js';

const registry = new TypeRegistry();

test('an HTTP API gets a 10-character id, an endpoint and an execute-api ARN', () => {
  const t = registry.get('AWS::ApiGatewayV2::Api');
  const desired = { Name: 'demo', ProtocolType: 'HTTP' };
  const m = generateAttributes(t, 'eu-west-1', desired);
  assert.match(String(m.ApiId), /^[a-z0-9]{10}$/);
  assert.equal(m.ApiEndpoint, `https://${m.ApiId}.execute-api.eu-west-1.amazonaws.com`);
  assert.equal(m.Name, 'demo');
  assert.deepEqual(desired, { Name: 'demo', ProtocolType: 'HTTP' }, 'the desired state is not changed');
});

test('integrations get 7-character ids; the parent id is the caller’s', () => {
  const t = registry.get('AWS::ApiGatewayV2::Integration');
  const m = generateAttributes(t, 'us-east-1', { ApiId: 'abcdefghij', IntegrationType: 'MOCK' });
  assert.match(String(m.IntegrationId), /^[a-z0-9]{7}$/);
  assert.equal(m.ApiId, 'abcdefghij');
});

test('EC2 ids carry their prefixes and ARNs use account 123456789012', () => {
  const vpc = generateAttributes(registry.get('AWS::EC2::VPC'), 'us-east-2', { CidrBlock: '10.0.0.0/16' });
  assert.match(String(vpc.VpcId), /^vpc-[0-9a-f]{17}$/);
  assert.match(String(vpc.DefaultSecurityGroup), /^sg-[0-9a-f]{17}$/);
  assert.match(String(vpc.DefaultNetworkAcl), /^acl-[0-9a-f]{17}$/);
  const subnet = generateAttributes(registry.get('AWS::EC2::Subnet'), 'us-east-2', { VpcId: vpc.VpcId });
  assert.match(String(subnet.SubnetId), /^subnet-[0-9a-f]{17}$/);
  assert.match(String(generateAttributes(registry.get('AWS::EC2::InternetGateway'), 'us-east-2', {}).InternetGatewayId), /^igw-[0-9a-f]{17}$/);
  assert.match(String(generateAttributes(registry.get('AWS::EC2::RouteTable'), 'us-east-2', { VpcId: 'vpc-1' }).RouteTableId), /^rtb-[0-9a-f]{17}$/);
  const sg = generateAttributes(registry.get('AWS::EC2::SecurityGroup'), 'us-east-2', { GroupDescription: 'x' });
  assert.match(String(sg.GroupId), /^sg-[0-9a-f]{17}$/);
  assert.match(String(generateAttributes(registry.get('AWS::EC2::Instance'), 'us-east-2', {}).InstanceId), /^i-[0-9a-f]{17}$/);
});

test('the own ARN follows the arnTemplate, including writable identifiers', () => {
  const t = registry.get('AWS::S3::Bucket');
  const named = generateAttributes(t, 'us-east-1', { BucketName: 'my-bucket' });
  assert.equal(named.Arn, 'arn:aws:s3:::my-bucket');
  const unnamed = generateAttributes(t, 'us-east-1', {});
  assert.match(String(unnamed.BucketName), /^bucket-[a-z0-9]{12}$/, 'a missing writable identifier is generated');
  assert.equal(unnamed.Arn, `arn:aws:s3:::${unnamed.BucketName}`);
  const role = generateAttributes(registry.get('AWS::IAM::Role'), 'us-east-1', { RoleName: 'r1', AssumeRolePolicyDocument: {} });
  assert.equal(role.Arn, 'arn:aws:iam::123456789012:role/r1');
});

test('renderArnTemplate fills partition, region, account and properties', () => {
  assert.equal(
    renderArnTemplate('arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}', 'ap-south-1', { VpcId: 'vpc-1' }, () => 'x'),
    'arn:aws:ec2:ap-south-1:123456789012:vpc/vpc-1',
  );
  assert.equal(renderArnTemplate('arn:${Partition}:x:${Region}:${Account}:thing/${ResourceId}', 'r', {}, () => 'gen'), 'arn:aws:x:r:123456789012:thing/gen');
});

test('template variables named after a property resolve to it; EC2 aliases share one id', () => {
  const sg = generateAttributes(registry.get('AWS::EC2::SecurityGroup'), 'us-east-1', { GroupDescription: 'x' });
  assert.equal(sg.GroupId, sg.Id);
  const role = generateAttributes(registry.get('AWS::IAM::Role'), 'us-east-1', { RoleName: 'deployer', AssumeRolePolicyDocument: {} });
  assert.equal(role.Arn, 'arn:aws:iam::123456789012:role/deployer');
});

test('no invented VPC for an instance (its subnet gives it); IPv4 attributes are addresses; owners are the account', () => {
  const i = generateAttributes(registry.get('AWS::EC2::Instance'), 'us-east-1', { SubnetId: 'subnet-1' });
  assert.equal(i.VpcId, undefined, 'ec2-placement fills it when the create completes');
  assert.equal(i.PublicDnsName, undefined);
  const eip = generateAttributes(registry.get('AWS::EC2::EIP'), 'us-east-1', {});
  assert.match(String(eip.PublicIp), /^\d{1,3}(\.\d{1,3}){3}$/);
  assert.match(String(eip.AllocationId), /^eipalloc-[0-9a-f]{17}$/);
  const owned = generateAttributes(registry.get('AWS::EC2::PrefixList'), 'us-east-1', { PrefixListName: 'p', AddressFamily: 'IPv4', MaxEntries: 1 });
  assert.equal(owned.OwnerId, '123456789012');
});

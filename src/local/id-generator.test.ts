import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiGatewayId, ec2Id, ec2PrefixFor, randomAlnum, randomHex, uuid } from './id-generator.js';

test('randomAlnum is lowercase alphanumeric of the asked length and varies', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const id = randomAlnum(7);
    assert.match(id, /^[a-z0-9]{7}$/);
    seen.add(id);
  }
  assert.equal(seen.size, 200);
  assert.match(randomAlnum(300), /^[a-z0-9]{300}$/);
});

test('randomHex, uuid and ec2Id have AWS shapes', () => {
  assert.match(randomHex(17), /^[0-9a-f]{17}$/);
  assert.match(uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(ec2Id('vpc'), /^vpc-[0-9a-f]{17}$/);
});

test('EC2 prefixes come from the type for primary ids and from the attribute otherwise', () => {
  assert.equal(ec2PrefixFor('VPC', 'VpcId', true), 'vpc');
  assert.equal(ec2PrefixFor('InternetGateway', 'InternetGatewayId', true), 'igw');
  assert.equal(ec2PrefixFor('RouteTable', 'RouteTableId', true), 'rtb');
  assert.equal(ec2PrefixFor('SecurityGroup', 'GroupId', true), 'sg');
  assert.equal(ec2PrefixFor('Instance', 'InstanceId', true), 'i');
  assert.equal(ec2PrefixFor('VPC', 'DefaultSecurityGroup', false), 'sg');
  assert.equal(ec2PrefixFor('VPC', 'DefaultNetworkAcl', false), 'acl');
  assert.equal(ec2PrefixFor('NoSuchThing', 'Whatever', true), undefined);
});

test('API Gateway ids: 10 characters at the top, 7 for children', () => {
  assert.match(apiGatewayId(true), /^[a-z0-9]{10}$/);
  assert.match(apiGatewayId(false), /^[a-z0-9]{7}$/);
});

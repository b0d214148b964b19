import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHandlerFailure, type HandlerFailure } from './handler-failure.js';
import { idsIn, place, placedProperties } from './resource-rules.js';
import type { Model, World } from './resource-rules.js';

function world(resources: [string, string, Model][], region = 'us-east-1'): World {
  return {
    region,
    get: (t, id) => resources.find(([rt, rid]) => rt === t && rid === id)?.[2],
    referrers: (t, p, v) =>
      resources.filter(([rt, , props]) => rt === t && idsIn(props[p]).includes(v)).map(([, identifier, properties]) => ({ identifier, properties })),
  };
}

const VPC: [string, string, Model] = ['AWS::EC2::VPC', 'vpc-1', { VpcId: 'vpc-1', CidrBlock: '10.2.0.0/16', EnableDnsHostnames: true, DefaultSecurityGroup: 'sg-default' }];
const SUBNET: [string, string, Model] = [
  'AWS::EC2::Subnet',
  'subnet-1',
  { SubnetId: 'subnet-1', VpcId: 'vpc-1', CidrBlock: '10.2.1.0/24', AvailabilityZone: 'us-east-1a', MapPublicIpOnLaunch: true },
];
const SG: [string, string, Model] = ['AWS::EC2::SecurityGroup', 'sg-1', { Id: 'sg-1', VpcId: 'vpc-1' }];

const placed = (type: string, model: Model, w: World): Model => {
  const r = place(type, model, w);
  assert.ok(!isHandlerFailure(r), (r as HandlerFailure).message);
  return r;
};
const refused = (type: string, model: Model, w: World): HandlerFailure => {
  const r = place(type, model, w);
  assert.ok(isHandlerFailure(r), `expected a refusal, got ${JSON.stringify(r)}`);
  return r;
};

test("an instance takes its subnet's VPC, zone and an address of its CIDR; a public IP and DNS name where the subnet maps them", () => {
  const i = placed('AWS::EC2::Instance', { InstanceId: 'i-1', SubnetId: 'subnet-1', SecurityGroupIds: ['sg-1'] }, world([VPC, SUBNET, SG]));
  assert.equal(i.VpcId, 'vpc-1');
  assert.equal(i.AvailabilityZone, 'us-east-1a');
  assert.equal(i.PrivateIpAddress, '10.2.1.4');
  assert.equal(i.PrivateIp, '10.2.1.4');
  assert.equal(i.PrivateDnsName, 'ip-10-2-1-4.ec2.internal');
  assert.match(String(i.PublicIp), /^\d+\.\d+\.\d+\.\d+$/);
  assert.equal(i.PublicDnsName, `ec2-${String(i.PublicIp).replaceAll('.', '-')}.compute-1.amazonaws.com`);
  assert.deepEqual(i.State, { Code: '16', Name: 'running' });
  assert.deepEqual(i.SecurityGroupIds, ['sg-1']);
  assert.deepEqual(placedProperties('AWS::EC2::Instance').includes('VpcId'), true);
});

test('the next instance gets the next free address; a named one must be free and in range', () => {
  const other: [string, string, Model] = ['AWS::EC2::Instance', 'i-0', { SubnetId: 'subnet-1', PrivateIpAddress: '10.2.1.4' }];
  const w = world([VPC, SUBNET, other]);
  assert.equal(placed('AWS::EC2::Instance', { SubnetId: 'subnet-1' }, w).PrivateIpAddress, '10.2.1.5');
  assert.equal(placed('AWS::EC2::Instance', { SubnetId: 'subnet-1', PrivateIpAddress: '10.2.1.200' }, w).PrivateIpAddress, '10.2.1.200');
  const inUse = refused('AWS::EC2::Instance', { SubnetId: 'subnet-1', PrivateIpAddress: '10.2.1.4' }, w);
  assert.equal(inUse.serviceCode, 'InvalidIPAddress.InUse');
  assert.match(inUse.message, /^Address 10\.2\.1\.4 is in use\./);
  for (const bad of ['10.2.2.9', '10.2.1.1', '10.2.1.255']) {
    assert.match(refused('AWS::EC2::Instance', { SubnetId: 'subnet-1', PrivateIpAddress: bad }, w).message, /does not fall within the subnet's address range/, bad);
  }
});

test('no public address without MapPublicIpOnLaunch (or with the interface saying no); no public DNS name without DNS hostnames', () => {
  const privateSubnet: [string, string, Model] = ['AWS::EC2::Subnet', 'subnet-1', { ...SUBNET[2], MapPublicIpOnLaunch: false }];
  const a = placed('AWS::EC2::Instance', { SubnetId: 'subnet-1' }, world([VPC, privateSubnet]));
  assert.equal(a.PublicIp, undefined);
  assert.equal(a.PublicDnsName, undefined);
  const b = placed('AWS::EC2::Instance', { NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: 'subnet-1', AssociatePublicIpAddress: false }] }, world([VPC, SUBNET]));
  assert.equal(b.PublicIp, undefined);
  assert.equal(b.VpcId, 'vpc-1', 'the primary interface names the subnet');
  const noHostnames: [string, string, Model] = ['AWS::EC2::VPC', 'vpc-1', { ...VPC[2], EnableDnsHostnames: false }];
  const c = placed('AWS::EC2::Instance', { SubnetId: 'subnet-1' }, world([noHostnames, SUBNET], 'eu-west-1'));
  assert.match(String(c.PublicIp), /^\d+\./);
  assert.equal(c.PublicDnsName, undefined);
  assert.equal(c.PrivateDnsName, 'ip-10-2-1-4.eu-west-1.compute.internal');
});

test("an instance without groups gets its VPC's default one; groups of another VPC are refused", () => {
  assert.deepEqual(placed('AWS::EC2::Instance', { SubnetId: 'subnet-1' }, world([VPC, SUBNET])).SecurityGroupIds, ['sg-default']);
  const elsewhere: [string, string, Model] = ['AWS::EC2::SecurityGroup', 'sg-9', { VpcId: 'vpc-9' }];
  const f = refused('AWS::EC2::Instance', { SubnetId: 'subnet-1', SecurityGroupIds: ['sg-9'] }, world([VPC, SUBNET, elsewhere]));
  assert.equal(f.errorCode, 'InvalidRequest');
  assert.match(f.message, /^Security group sg-9 and subnet subnet-1 belong to different networks\./);
});

test('an instance with no subnet fails as in an account without a default VPC; a zone other than its subnet’s is refused', () => {
  const f = refused('AWS::EC2::Instance', { ImageId: 'ami-1' }, world([VPC, SUBNET]));
  assert.equal(f.serviceCode, 'VPCIdNotSpecified');
  assert.match(f.message, /^No default VPC for this user/);
  assert.match(refused('AWS::EC2::Instance', { SubnetId: 'subnet-1', AvailabilityZone: 'us-east-1b' }, world([VPC, SUBNET])).message, /availabilityZone is invalid/);
});

test('a subnet without a zone gets the region’s first and its AZ ID; a named zone or AZ ID is kept and completed', () => {
  const w = world([VPC]);
  const a = placed('AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.2.1.0/24' }, w);
  assert.equal(a.AvailabilityZone, 'us-east-1a');
  assert.equal(a.AvailabilityZoneId, 'use1-az1');
  const b = placed('AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.2.1.0/24', AvailabilityZone: 'us-east-1c' }, w);
  assert.equal(b.AvailabilityZoneId, 'use1-az3');
  const c = placed('AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.2.1.0/24', AvailabilityZoneId: 'use1-az2' }, w);
  assert.equal(c.AvailabilityZone, 'us-east-1b');
  const wrong = refused('AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.2.1.0/24', AvailabilityZone: 'eu-west-1a' }, w);
  assert.match(wrong.message, /^Value \(eu-west-1a\) for parameter availabilityZone is invalid\. Subnets can currently only be created in the following availability zones: us-east-1a, /);
});

test("a subnet's CIDR must lie in its VPC's, be /16 to /28 and not overlap a sibling", () => {
  const w = world([VPC, SUBNET]);
  assert.equal(refused('AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.3.1.0/24' }, w).serviceCode, 'InvalidSubnet.Range');
  assert.match(refused('AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.2.0.0/29' }, w).message, /^The CIDR '10\.2\.0\.0\/29' is invalid\./);
  const conflict = refused('AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.2.1.128/25' }, w);
  assert.equal(conflict.serviceCode, 'InvalidSubnet.Conflict');
  assert.match(conflict.message, /^The CIDR '10\.2\.1\.128\/25' conflicts with another subnet/);
  assert.equal(placed('AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.2.2.0/24' }, w).CidrBlock, '10.2.2.0/24');
  const secondary: [string, string, Model] = ['AWS::EC2::VPCCidrBlock', 'cidr-1|vpc-1', { VpcId: 'vpc-1', CidrBlock: '10.9.0.0/16' }];
  assert.equal(placed('AWS::EC2::Subnet', { VpcId: 'vpc-1', CidrBlock: '10.9.0.0/24' }, world([VPC, secondary])).CidrBlock, '10.9.0.0/24', 'a secondary CIDR counts');
});

test("a route to an internet gateway needs the gateway attached to the table's VPC", () => {
  const rt: [string, string, Model] = ['AWS::EC2::RouteTable', 'rtb-1', { VpcId: 'vpc-1' }];
  const igw: [string, string, Model] = ['AWS::EC2::InternetGateway', 'igw-1', {}];
  const route = { RouteTableId: 'rtb-1', GatewayId: 'igw-1', DestinationCidrBlock: '0.0.0.0/0' };
  const f = refused('AWS::EC2::Route', route, world([VPC, rt, igw]));
  assert.match(f.message, /^route table rtb-1 and network gateway igw-1 belong to different networks/);
  const attached: [string, string, Model] = ['AWS::EC2::VPCGatewayAttachment', 'IGW|vpc-1', { VpcId: 'vpc-1', InternetGatewayId: 'igw-1' }];
  assert.deepEqual(placed('AWS::EC2::Route', route, world([VPC, rt, igw, attached])), route);
});

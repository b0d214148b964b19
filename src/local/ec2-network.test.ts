import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assignableRange,
  availabilityZones,
  cidrContains,
  cidrsOverlap,
  formatIpv4,
  nextFreeAddress,
  parseCidr,
  parseIpv4,
  privateDnsName,
  publicDnsName,
  randomPublicIpv4,
  regionShortCode,
  zoneIdOf,
  zoneNameOf,
} from './ec2-network.js';

test('zones are the region and a letter; AZ IDs use the region short code', () => {
  assert.deepEqual(availabilityZones('eu-west-1'), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  assert.equal(availabilityZones('us-east-1').length, 6);
  assert.equal(regionShortCode('us-east-1'), 'use1');
  assert.equal(regionShortCode('ap-southeast-2'), 'apse2');
  assert.equal(regionShortCode('eu-central-1'), 'euc1');
  assert.equal(zoneIdOf('us-east-1', 'us-east-1b'), 'use1-az2');
  assert.equal(zoneNameOf('us-east-1', 'use1-az2'), 'us-east-1b');
  assert.equal(zoneIdOf('us-east-1', 'eu-west-1a'), undefined);
  assert.equal(zoneNameOf('us-east-1', 'use1-az9'), undefined);
});

test('CIDR arithmetic: parse, contain, overlap', () => {
  assert.deepEqual(parseCidr('10.2.1.7/24'), { base: parseIpv4('10.2.1.0'), prefix: 24 });
  for (const bad of ['10.2.1.0', '10.2.1.0/33', '300.0.0.0/8', 'x/8', 42]) assert.equal(parseCidr(bad), undefined, String(bad));
  const vpc = parseCidr('10.2.0.0/16')!;
  assert.ok(cidrContains(vpc, parseCidr('10.2.1.0/24')!));
  assert.ok(!cidrContains(vpc, parseCidr('10.3.1.0/24')!));
  assert.ok(!cidrContains(parseCidr('10.2.1.0/24')!, vpc), 'a bigger block is not inside a smaller one');
  assert.ok(cidrsOverlap(parseCidr('10.2.1.0/24')!, parseCidr('10.2.1.128/25')!));
  assert.ok(!cidrsOverlap(parseCidr('10.2.1.0/24')!, parseCidr('10.2.2.0/24')!));
  assert.equal(formatIpv4(parseIpv4('255.254.1.0')!), '255.254.1.0');
});

test('a subnet hands out all but its first four and last addresses, lowest free first', () => {
  const c = parseCidr('10.2.1.0/28')!;
  const { first, last } = assignableRange(c);
  assert.equal(formatIpv4(first), '10.2.1.4');
  assert.equal(formatIpv4(last), '10.2.1.14');
  assert.equal(formatIpv4(nextFreeAddress(c, new Set())!), '10.2.1.4');
  assert.equal(formatIpv4(nextFreeAddress(c, new Set([first, first + 1]))!), '10.2.1.6');
  const all = new Set(Array.from({ length: 11 }, (_, i) => first + i));
  assert.equal(nextFreeAddress(c, all), undefined);
});

test('host names as EC2 gives them, us-east-1 apart', () => {
  assert.equal(privateDnsName('us-east-1', '10.2.1.4'), 'ip-10-2-1-4.ec2.internal');
  assert.equal(privateDnsName('eu-west-1', '10.2.1.4'), 'ip-10-2-1-4.eu-west-1.compute.internal');
  assert.equal(publicDnsName('us-east-1', '54.1.2.3'), 'ec2-54-1-2-3.compute-1.amazonaws.com');
  assert.equal(publicDnsName('eu-west-1', '54.1.2.3'), 'ec2-54-1-2-3.eu-west-1.compute.amazonaws.com');
  assert.notEqual(parseIpv4(randomPublicIpv4()), undefined);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateAttributes } from './attribute-generator.js';
import { TypeRegistry } from './resource-type.js';

const types = new TypeRegistry();

test('a route is identified by its table and destination, as AWS does', () => {
  const m = generateAttributes(types.get('AWS::EC2::Route'), 'us-east-1', { RouteTableId: 'rtb-1', DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' });
  assert.equal(m.CidrBlock, '0.0.0.0/0');
});

test("a gateway attachment's type follows the gateway attached", () => {
  const igw = generateAttributes(types.get('AWS::EC2::VPCGatewayAttachment'), 'us-east-1', { VpcId: 'vpc-1', InternetGatewayId: 'igw-1' });
  assert.equal(igw.AttachmentType, 'IGW');
  const vgw = generateAttributes(types.get('AWS::EC2::VPCGatewayAttachment'), 'us-east-1', { VpcId: 'vpc-1', VpnGatewayId: 'vgw-1' });
  assert.equal(vgw.AttachmentType, 'VGW');
});

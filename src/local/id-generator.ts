// Random identifiers in the shapes AWS services use, so ids look (and sort, and fail
// pattern checks) like real ones.
import { randomBytes, randomUUID } from 'node:crypto';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 252 = 7 * 36: rejecting larger bytes keeps the alphabet uniform.
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) return out + randomAlnum(length - out.length);
    if (bytes[i] < 252) out += ALNUM[bytes[i] % 36];
  }
  return out;
}

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

export function uuid(): string {
  return randomUUID();
}

// EC2's resource-id prefixes, by CloudFormation type name (the last part).
const EC2_PREFIX: Record<string, string> = {
  VPC: 'vpc',
  Subnet: 'subnet',
  InternetGateway: 'igw',
  EgressOnlyInternetGateway: 'eigw',
  RouteTable: 'rtb',
  SecurityGroup: 'sg',
  SecurityGroupIngress: 'sgr',
  SecurityGroupEgress: 'sgr',
  Instance: 'i',
  NatGateway: 'nat',
  EIP: 'eipalloc',
  NetworkInterface: 'eni',
  NetworkAcl: 'acl',
  VPCEndpoint: 'vpce',
  TransitGateway: 'tgw',
  TransitGatewayAttachment: 'tgw-attach',
  TransitGatewayVpcAttachment: 'tgw-attach',
  TransitGatewayRouteTable: 'tgw-rtb',
  LaunchTemplate: 'lt',
  KeyPair: 'key',
  Volume: 'vol',
  DHCPOptions: 'dopt',
  VPNGateway: 'vgw',
  CustomerGateway: 'cgw',
  VPNConnection: 'vpn',
  VPCPeeringConnection: 'pcx',
  PrefixList: 'pl',
  CapacityReservation: 'cr',
  FlowLog: 'fl',
  SubnetRouteTableAssociation: 'rtbassoc',
  SubnetNetworkAclAssociation: 'aclassoc',
  SubnetCidrBlock: 'subnet-cidr-assoc',
  VPCCidrBlock: 'vpc-cidr-assoc',
  PlacementGroup: 'pg',
  Host: 'h',
  IPAM: 'ipam',
  IPAMPool: 'ipam-pool',
  IPAMScope: 'ipam-scope',
  CarrierGateway: 'cagw',
  LocalGatewayRouteTable: 'lgw-rtb',
  TrafficMirrorSession: 'tms',
  TrafficMirrorTarget: 'tmt',
  TrafficMirrorFilter: 'tmf',
  SpotFleet: 'sfr',
  EC2Fleet: 'fleet',
  VPCEndpointService: 'vpce-svc',
  NetworkInsightsPath: 'nip',
  NetworkInsightsAnalysis: 'nia',
};

// Read-only attributes of EC2 types that name other EC2 resources.
const EC2_ATTRIBUTE_PREFIX: Record<string, string> = {
  DefaultSecurityGroup: 'sg',
  DefaultNetworkAcl: 'acl',
  GroupId: 'sg',
  AllocationId: 'eipalloc',
  NetworkInterfaceId: 'eni',
  AssociationId: 'eipassoc',
  NetworkAclAssociationId: 'aclassoc',
  RouteTableId: 'rtb',
};

/** An EC2 id: `vpc-` and 17 hex digits, the long form EC2 has used since 2018. */
export function ec2Id(prefix: string): string {
  return `${prefix}-${randomHex(17)}`;
}

export function ec2PrefixFor(typeLastPart: string, property: string, isPrimary: boolean): string | undefined {
  if (isPrimary && EC2_PREFIX[typeLastPart]) return EC2_PREFIX[typeLastPart];
  if (EC2_ATTRIBUTE_PREFIX[property]) return EC2_ATTRIBUTE_PREFIX[property];
  return EC2_PREFIX[typeLastPart];
}

/** API Gateway ids: 10 characters for top-level resources (apis), shorter for children. */
export function apiGatewayId(topLevel: boolean): string {
  return randomAlnum(topLevel ? 10 : 7);
}

// EC2's rules between resources, as data (resource-rules.ts runs them).
//
// References: what EC2 answers when a create names a resource that does not exist; codes
// and wording are EC2's ("Error codes for the Amazon EC2 API", EC2 API Reference:
// InvalidVpcID.NotFound "The specified VPC does not exist", InvalidSubnetID.NotFound,
// InvalidRouteTableID.NotFound, InvalidInternetGatewayID.NotFound,
// InvalidGatewayID.NotFound, InvalidVpnGatewayID.NotFound, InvalidGroup.NotFound); the
// messages are the ones EC2 sends, as public reports quote them ("InvalidVpcID.NotFound:
// The vpc ID 'vpc-…' does not exist", hashicorp/terraform#25910; "InvalidRouteTableID.
// NotFound: The routeTable ID '…' does not exist"; "InvalidGroup.NotFound: The security
// group 'sg-…' does not exist" from RunInstances; "The gateway ID 'local' does not exist"
// from CreateRoute, terraform-provider-aws's route resource).
//
// Dependencies: a delete EC2 refuses with DependencyViolation while something still uses
// the resource. EC2 API Reference: DeleteVpc "You must detach or delete all gateways and
// resources that are associated with the VPC before you can delete it. For example, you
// must terminate all instances running in the VPC, delete all security groups associated
// with the VPC (except the default one), delete all route tables associated with the VPC
// (except the default one), and so on"; DeleteSubnet "You must terminate all running
// instances in the subnet before you can delete the subnet"; DeleteRouteTable "You must
// disassociate the route table from any subnets before you can delete it";
// DeleteInternetGateway "You must detach the internet gateway from the VPC before you can
// delete it"; DeleteSecurityGroup "If you attempt to delete a security group that is
// associated with an instance or network interface … the operation fails with
// DependencyViolation". The default security group, default network ACL and main route
// table the VPC came with are its companions (below): they go with it and do not count.
// A subnet's explicit route-table associations blocking its delete follows issue 12; the
// DeleteSubnet reference names only instances (and network interfaces, below, hold
// addresses in it as instances do).
// Messages as EC2 words them ("The vpc 'vpc-…' has dependencies and cannot be deleted.",
// re:Post "Troubleshoot dependency error when deleting a VPC"; the subnet's, aws/aws-cdk
// #14456; the internet gateway's, giantswarm/aws-operator#109; the route table's, as
// DeleteRouteTable's DependencyViolation is quoted by boto3 users; "resource sg-… has a
// dependent object", aws/aws-cdk#14456).
//
// Companions: what EC2 creates with a VPC, and refuses to delete on its own.
// - "Your default VPCs and any VPCs that you create come with a default security group.
//   The name of the default security group is "default"", its rules: inbound from "the ID
//   of this security group", all protocols and ports; outbound "0.0.0.0/0 All All" ("Default
//   security groups for your VPCs", VPC User Guide). Its description is "default VPC security
//   group" (`aws ec2 describe-security-groups` output). A rule for all protocols reads back
//   with FromPort and ToPort -1, the form the AWS::EC2::SecurityGroup schema's
//   propertyTransform gives a rule whose protocol is not tcp or udp. "You can't delete a
//   default security group. If you try to delete a default security group, we return the
//   following error code: Client.CannotDelete", worded "the specified group: "sg-…" name:
//   "default" cannot be deleted by a user" (VPC User Guide, earlier editions).
// - "Your VPC automatically comes with a modifiable default network ACL" (VPC User Guide,
//   network ACLs); DeleteNetworkAcl: "You can't delete the default network ACL" (EC2 API
//   Reference); EC2 answers "InvalidParameterValue: cannot delete default network ACL acl-…"
//   (as cleanup scripts match it). Its entries (AWS::EC2::NetworkAclEntry) are not made.
// - "When you create a VPC, it automatically has a main route table", and "Every route table
//   contains a local route for communication within the VPC" (VPC User Guide, route tables:
//   DescribeRouteTables shows it with GatewayId "local" and the VPC's CIDR). Routes are their
//   own type here (AWS::EC2::Route, identified by table and destination), so each table,
//   main or not, gets its local route as a companion. DeleteRouteTable: "You can't delete
//   the main route table" (EC2 API Reference), refused as any table in use is (aws/aws-cli
//   #1549: "the main route table cannot be deleted … gives the same dependency error");
//   DeleteRoute of the local route: "InvalidParameterValue: cannot remove local route
//   10.0.0.0/16 in route table rtb-…" (as terraform-provider-aws's route resource matches
//   it). The local routes of secondary and IPv6 CIDR blocks are not made.
import { ec2Id } from './id-generator.js';
import type { Model, ServiceRules } from './resource-rules.js';

const VPC = 'AWS::EC2::VPC';
const SUBNET = 'AWS::EC2::Subnet';
const ROUTE_TABLE = 'AWS::EC2::RouteTable';
const IGW = 'AWS::EC2::InternetGateway';
const VGW = 'AWS::EC2::VPNGateway';
const SG = 'AWS::EC2::SecurityGroup';
const INSTANCE = 'AWS::EC2::Instance';
const ATTACHMENT = 'AWS::EC2::VPCGatewayAttachment';
const ASSOCIATION = 'AWS::EC2::SubnetRouteTableAssociation';
const ENI = 'AWS::EC2::NetworkInterface';
const NAT = 'AWS::EC2::NatGateway';
const ENDPOINT = 'AWS::EC2::VPCEndpoint';

const VPC_NOT_FOUND = { code: 'InvalidVpcID.NotFound', message: "The vpc ID '{id}' does not exist" };
const SUBNET_NOT_FOUND = { code: 'InvalidSubnetID.NotFound', message: "The subnet ID '{id}' does not exist" };
const ROUTE_TABLE_NOT_FOUND = { code: 'InvalidRouteTableID.NotFound', message: "The routeTable ID '{id}' does not exist" };
const IGW_NOT_FOUND = { code: 'InvalidInternetGatewayID.NotFound', message: "The internetGateway ID '{id}' does not exist" };
const VGW_NOT_FOUND = { code: 'InvalidVpnGatewayID.NotFound', message: "The vpnGateway ID '{id}' does not exist" };
const GATEWAY_NOT_FOUND = { code: 'InvalidGatewayID.NotFound', message: "The gateway ID '{id}' does not exist" };
const GROUP_NOT_FOUND = { code: 'InvalidGroup.NotFound', message: "The security group '{id}' does not exist" };

// A VPC's default security group is a resource (a companion, below); a state file from
// before it was may hold VPCs whose default group is only named by the VPC.
const SECURITY_GROUPS = [SG, { type: VPC, property: 'DefaultSecurityGroup' }];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The local route of a table in a VPC with an IPv4 CIDR block. */
function localRoute(table: Model, vpc: Model | undefined): Model | undefined {
  const cidr = str(vpc?.CidrBlock);
  const tableId = str(table.RouteTableId);
  if (!cidr || !tableId) return undefined;
  return { RouteTableId: tableId, DestinationCidrBlock: cidr, CidrBlock: cidr, GatewayId: 'local' };
}

export const EC2_RULES: ServiceRules = {
  service: 'AmazonEC2',
  // EC2 error code → the HandlerErrorCode its resource handlers answer with; any other
  // code is GeneralServiceException (see handler-failure.ts).
  handlerCodes: {
    'InvalidVpcID.NotFound': 'NotFound',
    'InvalidSubnetID.NotFound': 'NotFound',
    'InvalidRouteTableID.NotFound': 'NotFound',
    'InvalidInternetGatewayID.NotFound': 'NotFound',
    'InvalidVpnGatewayID.NotFound': 'NotFound',
    'InvalidGatewayID.NotFound': 'NotFound',
    'InvalidGroup.NotFound': 'NotFound',
    InvalidParameterValue: 'InvalidRequest',
    InvalidParameter: 'InvalidRequest',
    VPCIdNotSpecified: 'InvalidRequest',
    'InvalidSubnet.Range': 'InvalidRequest',
    'InvalidSubnet.Conflict': 'InvalidRequest',
    DependencyViolation: 'GeneralServiceException',
  },
  references: [
    { type: SUBNET, property: 'VpcId', targets: [VPC], ...VPC_NOT_FOUND },
    { type: ROUTE_TABLE, property: 'VpcId', targets: [VPC], ...VPC_NOT_FOUND },
    { type: SG, property: 'VpcId', targets: [VPC], ...VPC_NOT_FOUND },
    { type: 'AWS::EC2::NetworkAcl', property: 'VpcId', targets: [VPC], ...VPC_NOT_FOUND },
    { type: 'AWS::EC2::EgressOnlyInternetGateway', property: 'VpcId', targets: [VPC], ...VPC_NOT_FOUND },
    { type: ENDPOINT, property: 'VpcId', targets: [VPC], ...VPC_NOT_FOUND },
    { type: ATTACHMENT, property: 'VpcId', targets: [VPC], ...VPC_NOT_FOUND },
    { type: ATTACHMENT, property: 'InternetGatewayId', targets: [IGW], ...IGW_NOT_FOUND },
    { type: ATTACHMENT, property: 'VpnGatewayId', targets: [VGW], ...VGW_NOT_FOUND },
    { type: 'AWS::EC2::Route', property: 'RouteTableId', targets: [ROUTE_TABLE], ...ROUTE_TABLE_NOT_FOUND },
    { type: 'AWS::EC2::Route', property: 'GatewayId', targets: [IGW, VGW], ...GATEWAY_NOT_FOUND },
    { type: ASSOCIATION, property: 'SubnetId', targets: [SUBNET], ...SUBNET_NOT_FOUND },
    { type: ASSOCIATION, property: 'RouteTableId', targets: [ROUTE_TABLE], ...ROUTE_TABLE_NOT_FOUND },
    { type: INSTANCE, property: 'SubnetId', targets: [SUBNET], ...SUBNET_NOT_FOUND },
    { type: INSTANCE, property: 'SecurityGroupIds', targets: SECURITY_GROUPS, ...GROUP_NOT_FOUND },
    { type: ENI, property: 'SubnetId', targets: [SUBNET], ...SUBNET_NOT_FOUND },
    { type: ENI, property: 'GroupSet', targets: SECURITY_GROUPS, ...GROUP_NOT_FOUND },
    { type: NAT, property: 'SubnetId', targets: [SUBNET], ...SUBNET_NOT_FOUND },
  ],
  dependencies: [
    { type: VPC, dependent: SUBNET, property: 'VpcId' },
    { type: VPC, dependent: ATTACHMENT, property: 'VpcId' },
    { type: VPC, dependent: ROUTE_TABLE, property: 'VpcId' },
    { type: VPC, dependent: SG, property: 'VpcId' },
    { type: VPC, dependent: INSTANCE, property: 'VpcId' },
    { type: VPC, dependent: 'AWS::EC2::NetworkAcl', property: 'VpcId' },
    { type: VPC, dependent: 'AWS::EC2::EgressOnlyInternetGateway', property: 'VpcId' },
    { type: VPC, dependent: ENDPOINT, property: 'VpcId' },
    { type: SUBNET, dependent: INSTANCE, property: 'SubnetId' },
    { type: SUBNET, dependent: ASSOCIATION, property: 'SubnetId' },
    { type: SUBNET, dependent: ENI, property: 'SubnetId' },
    { type: SUBNET, dependent: NAT, property: 'SubnetId' },
    { type: SUBNET, dependent: ENDPOINT, property: 'SubnetIds' },
    { type: IGW, dependent: ATTACHMENT, property: 'InternetGatewayId' },
    { type: ROUTE_TABLE, dependent: ASSOCIATION, property: 'RouteTableId' },
    { type: SG, dependent: INSTANCE, property: 'SecurityGroupIds' },
    { type: SG, dependent: ENI, property: 'GroupSet' },
    { type: SG, dependent: ENDPOINT, property: 'SecurityGroupIds' },
  ],
  refusals: {
    [VPC]: { code: 'DependencyViolation', message: "The vpc '{id}' has dependencies and cannot be deleted." },
    [SUBNET]: { code: 'DependencyViolation', message: "The subnet '{id}' has dependencies and cannot be deleted." },
    [IGW]: { code: 'DependencyViolation', message: "The internetGateway '{id}' has dependencies and cannot be deleted." },
    [ROUTE_TABLE]: { code: 'DependencyViolation', message: "The routeTable '{id}' has dependencies and cannot be deleted." },
    [SG]: { code: 'DependencyViolation', message: 'resource {id} has a dependent object' },
  },
  companions: [
    {
      owner: VPC,
      type: SG,
      model: (vpc) => {
        const id = str(vpc.DefaultSecurityGroup);
        if (!id) return undefined;
        return {
          Id: id,
          GroupId: id,
          GroupName: 'default',
          GroupDescription: 'default VPC security group',
          VpcId: vpc.VpcId,
          SecurityGroupIngress: [{ IpProtocol: '-1', FromPort: -1, ToPort: -1, SourceSecurityGroupId: id }],
          SecurityGroupEgress: [{ IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' }],
        };
      },
      refusal: { code: 'CannotDelete', message: 'the specified group: "{id}" name: "default" cannot be deleted by a user' },
    },
    {
      owner: VPC,
      type: 'AWS::EC2::NetworkAcl',
      model: (vpc) => (str(vpc.DefaultNetworkAcl) ? { Id: vpc.DefaultNetworkAcl, VpcId: vpc.VpcId } : undefined),
      refusal: { code: 'InvalidParameterValue', message: 'cannot delete default network ACL {id}' },
    },
    {
      owner: VPC,
      type: ROUTE_TABLE,
      model: (vpc) => ({ RouteTableId: ec2Id('rtb'), VpcId: vpc.VpcId }),
      refusal: { code: 'DependencyViolation', message: "The routeTable '{id}' has dependencies and cannot be deleted." },
    },
    {
      owner: ROUTE_TABLE,
      type: 'AWS::EC2::Route',
      model: (table, world) => localRoute(table, typeof table.VpcId === 'string' ? world.get(VPC, table.VpcId) : undefined),
      is: (route) => route.GatewayId === 'local',
      refusal: { code: 'InvalidParameterValue', message: 'cannot remove local route {cidr} in route table {owner}' },
    },
  ],
};

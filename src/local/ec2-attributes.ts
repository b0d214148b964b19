// EC2 attributes AWS derives from the caller's own properties, or gives in its own shapes.
// A route is identified by its table and destination, an attachment by its gateway's kind:
// generated values would break identifiers users compose themselves (stackql-deploy deletes
// a route by `<RouteTableId>|0.0.0.0/0`, an attachment by `IGW|<VpcId>`). A VPC's
// CidrBlockAssociations holds the association id of its primary IPv4 block, as the read
// handler returns it ("The association IDs of the IPv4 CIDR blocks for the VPC. For
// example, [ vpc-cidr-assoc-0280ab6b ]", AWS::EC2::VPC registry schema; CreateVpc answers a
// CidrBlockAssociationSet with one association, AWS CLI example `aws ec2 create-vpc`).
import { ec2Id } from './id-generator.js';
import type { OwnedAttributes } from './derived-attributes.js';

export const EC2_ATTRIBUTES: Record<string, OwnedAttributes> = {
  'AWS::EC2::Route': {
    create: (m) => ({ CidrBlock: m.DestinationCidrBlock ?? m.DestinationIpv6CidrBlock ?? m.DestinationPrefixListId }),
  },
  'AWS::EC2::VPCGatewayAttachment': {
    create: (m) => ({ AttachmentType: m.InternetGatewayId !== undefined ? 'IGW' : m.VpnGatewayId !== undefined ? 'VGW' : undefined }),
  },
  'AWS::EC2::VPC': {
    owns: ['CidrBlockAssociations'],
    create: () => ({ CidrBlockAssociations: [ec2Id('vpc-cidr-assoc')] }),
  },
};

// Where EC2 puts what is created in a VPC, and what it refuses while doing so: the
// attributes a resource takes from the resources it names (an instance's VPC, zone and
// addresses from its subnet), filled in when its create completes, as EC2 does.
// Sources, beyond ec2-network.ts's:
// - RunInstances (EC2 API Reference) and "Launch an instance": an instance is in its
//   subnet's VPC and availability zone; without a subnet it goes to the default VPC,
//   which the local cloud's account does not have: EC2 answers VPCIdNotSpecified "No
//   default VPC for this user" (as for accounts without one). With no security group named
//   it gets its VPC's default security group. Its private address is the subnet's, public
//   IPv4 addressing follows the subnet's MapPublicIpOnLaunch unless the primary network
//   interface says AssociatePublicIpAddress ("IP addressing for your subnets", VPC User
//   Guide). Groups of another VPC: "InvalidParameter: Security group sg-… and subnet
//   subnet-… belong to different networks." (the EC2 error code list gives this case
//   for InvalidParameter). A named address: "Address … does not fall within the subnet's
//   address range" (InvalidParameterValue), "Address … is in use." (InvalidIPAddress.InUse).
// - CreateSubnet: "If you don't specify an Availability Zone, we choose one for you" (the
//   local cloud chooses the region's first); the CIDR must lie in the VPC's
//   (InvalidSubnet.Range "The CIDR '…' is invalid.") and between /16 and /28 ("Subnet
//   sizing", VPC User Guide), and not overlap another subnet of the VPC
//   (InvalidSubnet.Conflict "The CIDR '…' conflicts with another subnet").
// - CreateRoute: an internet gateway must be attached to the route table's VPC
//   ("InvalidParameterValue: route table rtb-… and network gateway igw-… belong to
//   different networks").
import { failureFor, type HandlerFailure } from './handler-failure.js';
import { EC2_RULES } from './ec2-rules.js';
import {
  availabilityZones,
  cidrContains,
  cidrsOverlap,
  formatIpv4,
  ipInCidr,
  assignableRange,
  nextFreeAddress,
  parseCidr,
  parseIpv4,
  privateDnsName,
  publicDnsName,
  randomPublicIpv4,
  zoneIdOf,
  zoneNameOf,
} from './ec2-network.js';
import type { Model, World } from './resource-rules.js';

export interface Placement {
  /** The read-only properties this fills; the generic generator leaves them alone. */
  fills: string[];
  /** The model with what EC2 fills in, or EC2's refusal. */
  place(model: Model, world: World): Model | HandlerFailure;
}

const fail = (code: string, message: string) => failureFor(EC2_RULES, code, message);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const ids = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The primary network interface (device index 0) an instance describes, if any. */
function primaryInterface(model: Model): Model | undefined {
  const list = model.NetworkInterfaces;
  if (!Array.isArray(list)) return undefined;
  return list.find((n): n is Model => typeof n === 'object' && n !== null && String((n as Model).DeviceIndex) === '0');
}

/** The VPC a security group (or a VPC's default group) belongs to. */
function groupVpc(world: World, groupId: string): string | undefined {
  const group = world.get('AWS::EC2::SecurityGroup', groupId);
  if (group) return str(group.VpcId);
  return world.referrers('AWS::EC2::VPC', 'DefaultSecurityGroup', groupId)[0]?.identifier;
}

/** The IPv4 addresses in use in a subnet: its instances' and network interfaces'. */
function usedAddresses(world: World, subnetId: string): Set<number> {
  const used = new Set<number>();
  const add = (v: unknown) => {
    const ip = typeof v === 'string' ? parseIpv4(v) : undefined;
    if (ip !== undefined) used.add(ip);
  };
  for (const r of world.referrers('AWS::EC2::Instance', 'SubnetId', subnetId)) add(r.properties.PrivateIpAddress);
  for (const r of world.referrers('AWS::EC2::NetworkInterface', 'SubnetId', subnetId)) add(r.properties.PrimaryPrivateIpAddress ?? r.properties.PrivateIpAddress);
  return used;
}

function placeInstance(model: Model, world: World): Model | HandlerFailure {
  const nic = primaryInterface(model);
  let subnetId = str(model.SubnetId) ?? str(nic?.SubnetId);
  const eniId = str(nic?.NetworkInterfaceId);
  if (!subnetId && eniId) subnetId = str(world.get('AWS::EC2::NetworkInterface', eniId)?.SubnetId);
  if (!subnetId) return fail('VPCIdNotSpecified', 'No default VPC for this user');
  const subnet = world.get('AWS::EC2::Subnet', subnetId);
  if (!subnet) return fail('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
  const vpcId = str(subnet.VpcId);
  const vpc = vpcId ? world.get('AWS::EC2::VPC', vpcId) : undefined;
  const out: Model = { ...model, VpcId: vpcId };

  const zone = str(subnet.AvailabilityZone);
  const asked = str(model.AvailabilityZone);
  if (asked && zone && asked !== zone) {
    return fail('InvalidParameterValue', `Value (${asked}) for parameter availabilityZone is invalid. Subnet '${subnetId}' is in the availability zone ${zone}`);
  }
  if (zone) out.AvailabilityZone = zone;

  const groups = ids(model.SecurityGroupIds ?? nic?.GroupSet);
  for (const g of groups) {
    const of = groupVpc(world, g);
    if (of && vpcId && of !== vpcId) return fail('InvalidParameter', `Security group ${g} and subnet ${subnetId} belong to different networks.`);
  }
  if (!groups.length && model.SecurityGroups === undefined && model.NetworkInterfaces === undefined && str(vpc?.DefaultSecurityGroup)) {
    out.SecurityGroupIds = [vpc!.DefaultSecurityGroup];
  }

  const cidr = parseCidr(subnet.CidrBlock);
  if (cidr) {
    const used = usedAddresses(world, subnetId);
    const wanted = str(model.PrivateIpAddress) ?? str(nic?.PrivateIpAddress);
    let ip: number | undefined;
    if (wanted) {
      ip = parseIpv4(wanted);
      const { first, last } = assignableRange(cidr);
      if (ip === undefined || !ipInCidr(ip, cidr) || ip < first || ip > last) {
        return fail('InvalidParameterValue', `Address ${wanted} does not fall within the subnet's address range`);
      }
      if (used.has(ip)) return fail('InvalidIPAddress.InUse', `Address ${wanted} is in use.`);
    } else {
      ip = nextFreeAddress(cidr, used);
      if (ip === undefined) {
        return fail('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnetId}' to satisfy the requested number of instances.`);
      }
    }
    const text = formatIpv4(ip);
    out.PrivateIpAddress = text;
    out.PrivateIp = text;
    out.PrivateDnsName = privateDnsName(world.region, text);
  }

  const associate = typeof nic?.AssociatePublicIpAddress === 'boolean' ? nic.AssociatePublicIpAddress : subnet.MapPublicIpOnLaunch === true;
  if (associate) {
    const ip = randomPublicIpv4();
    out.PublicIp = ip;
    if (vpc?.EnableDnsHostnames === true && vpc.EnableDnsSupport !== false) out.PublicDnsName = publicDnsName(world.region, ip);
  }
  out.State = { Code: '16', Name: 'running' };
  return out;
}

function placeSubnet(model: Model, world: World): Model | HandlerFailure {
  const region = world.region;
  const zones = availabilityZones(region);
  const out: Model = { ...model };
  const name = str(model.AvailabilityZone);
  const id = str(model.AvailabilityZoneId);
  if (name && !zones.includes(name)) {
    return fail(
      'InvalidParameterValue',
      `Value (${name}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(', ')}.`,
    );
  }
  const named = id ? zoneNameOf(region, id) : undefined;
  if (id && (!named || (name && named !== name))) {
    return fail('InvalidParameterValue', `Value (${id}) for parameter availabilityZoneId is invalid.`);
  }
  out.AvailabilityZone = name ?? named ?? zones[0];
  out.AvailabilityZoneId = id ?? zoneIdOf(region, out.AvailabilityZone as string);

  const vpcId = str(model.VpcId);
  if (model.CidrBlock !== undefined && vpcId) {
    const text = String(model.CidrBlock);
    const cidr = parseCidr(text);
    if (!cidr) return fail('InvalidParameterValue', `Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
    const vpc = world.get('AWS::EC2::VPC', vpcId);
    const vpcCidrs = [vpc?.CidrBlock, ...world.referrers('AWS::EC2::VPCCidrBlock', 'VpcId', vpcId).map((r) => r.properties.CidrBlock)]
      .map(parseCidr)
      .filter((c): c is NonNullable<typeof c> => c !== undefined);
    if (cidr.prefix < 16 || cidr.prefix > 28 || (vpcCidrs.length && !vpcCidrs.some((c) => cidrContains(c, cidr)))) {
      return fail('InvalidSubnet.Range', `The CIDR '${text}' is invalid.`);
    }
    for (const other of world.referrers('AWS::EC2::Subnet', 'VpcId', vpcId)) {
      const c = parseCidr(other.properties.CidrBlock);
      if (c && cidrsOverlap(c, cidr)) return fail('InvalidSubnet.Conflict', `The CIDR '${text}' conflicts with another subnet`);
    }
  }
  return out;
}

function placeRoute(model: Model, world: World): Model | HandlerFailure {
  const gateway = str(model.GatewayId);
  const tableId = str(model.RouteTableId);
  if (!gateway || !tableId || !world.get('AWS::EC2::InternetGateway', gateway)) return model;
  const vpcId = str(world.get('AWS::EC2::RouteTable', tableId)?.VpcId);
  const attached = world.referrers('AWS::EC2::VPCGatewayAttachment', 'InternetGatewayId', gateway).some((a) => a.properties.VpcId === vpcId);
  if (vpcId && !attached) return fail('InvalidParameterValue', `route table ${tableId} and network gateway ${gateway} belong to different networks`);
  return model;
}

/** A resource in a subnet is in that subnet's VPC. */
function inSubnetVpc(model: Model, world: World): Model {
  const subnetId = str(model.SubnetId);
  const vpcId = subnetId ? str(world.get('AWS::EC2::Subnet', subnetId)?.VpcId) : undefined;
  return vpcId ? { ...model, VpcId: vpcId } : model;
}

export const EC2_PLACEMENT: Record<string, Placement> = {
  'AWS::EC2::Instance': {
    fills: ['VpcId', 'PrivateIp', 'PrivateDnsName', 'PublicIp', 'PublicDnsName', 'State'],
    place: placeInstance,
  },
  'AWS::EC2::Subnet': { fills: [], place: placeSubnet },
  'AWS::EC2::Route': { fills: [], place: placeRoute },
  'AWS::EC2::NatGateway': { fills: ['VpcId'], place: inSubnetVpc },
  'AWS::EC2::NetworkInterface': { fills: ['VpcId'], place: inSubnetVpc },
};

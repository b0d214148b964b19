// Read-only attributes that AWS derives from the caller's own properties rather than
// inventing: where a generated value would break identifiers users compose themselves
// (stackql-deploy deletes a route by `<RouteTableId>|0.0.0.0/0`, an attachment by
// `IGW|<VpcId>`). One entry per type that needs it; the rest use the generic rules.
type Derive = (model: Record<string, unknown>) => Record<string, unknown>;

const DERIVED: Record<string, Derive> = {
  'AWS::EC2::Route': (m) => ({
    CidrBlock: m.DestinationCidrBlock ?? m.DestinationIpv6CidrBlock ?? m.DestinationPrefixListId,
  }),
  'AWS::EC2::VPCGatewayAttachment': (m) => ({
    AttachmentType: m.InternetGatewayId !== undefined ? 'IGW' : m.VpnGatewayId !== undefined ? 'VGW' : undefined,
  }),
};

/** The attributes `typeName` derives from `model`; only defined values. */
export function derivedAttributes(typeName: string, model: Record<string, unknown>): Record<string, unknown> {
  const derive = DERIVED[typeName];
  if (!derive) return {};
  return Object.fromEntries(Object.entries(derive(model)).filter(([, v]) => v !== undefined));
}

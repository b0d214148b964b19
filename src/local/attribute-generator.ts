// Fills in what the service owns when a resource is created: read-only identifiers,
// ARNs from the type's ARN template, timestamps, endpoints and IPv4 addresses, in the
// shapes AWS uses. What the service takes from other resources (an instance's VPC and
// addresses) is filled when the create completes (resource-rules.ts).
// Writable primary-identifier parts the caller left out (an S3 bucket's name) are
// generated too, as Cloud Control does.
import { randomInt } from 'node:crypto';
import { apiGatewayId, ec2Id, ec2PrefixFor, randomAlnum, uuid } from './id-generator.js';
import type { ResourceType } from './resource-type.js';
import { derivedAttributes, ownedProperties } from './derived-attributes.js';
import { formatIpv4, randomPublicIpv4 } from './ec2-network.js';
import { placedProperties } from './resource-rules.js';

export const ACCOUNT_ID = '123456789012';
export const PARTITION = 'aws';

const TIME = /(At|Time|Date|Timestamp|LastModified|Modified)$/;
// An IPv4 address attribute: an Elastic IP's PublicIp, a NAT gateway's PrivateIpAddress.
const IPV4 = /(^|[a-z])Ip(Address)?$/;
// EC2 attributes naming the VPC or subnet something is in: known only from the resources
// it names (ec2-placement.ts fills them), never invented.
const EC2_CONTAINER = new Set(['VpcId', 'SubnetId']);
const ENDPOINT = /(Endpoint|Url|URL|Uri)$/;

function isArnProperty(name: string): boolean {
  return /(Arn|ARN)$/.test(name);
}

/** The ARN property that names the resource itself: `Arn`, `<Type>Arn`, or the only one. */
function ownArnProperty(type: ResourceType): string | undefined {
  const arns = [...type.readOnly].filter((p) => isArnProperty(p) && type.properties.get(p)?.type === 'string');
  const own = arns.find((p) => p === 'Arn' || p === 'ARN' || p === `${type.shortName}Arn`);
  return own ?? (arns.length === 1 ? arns[0] : undefined);
}

function ipv4For(property: string): string {
  // 10.0.0.0/8 is private address space; public ones come from an EC2-like pool.
  return /^Private/.test(property) ? formatIpv4((10 << 24) + randomInt(1, 2 ** 24 - 1)) : randomPublicIpv4();
}

function idFor(type: ResourceType, property: string, isPrimary: boolean, model: Record<string, unknown>): string {
  const service = type.serviceName.toLowerCase();
  if (IPV4.test(property)) return ipv4For(property);
  if (service === 'ec2') {
    const prefix = ec2PrefixFor(type.shortName, property, isPrimary);
    if (prefix) {
      // One EC2 object, one id: a security group's Id and GroupId are the same sg-….
      const same = type.primaryIdentifier.map((p) => model[p]).find((v) => typeof v === 'string' && v.startsWith(prefix + '-'));
      return typeof same === 'string' && !isPrimary ? same : ec2Id(prefix);
    }
  }
  if (service === 'apigateway' || service === 'apigatewayv2') return apiGatewayId(!type.parent);
  if (/Name$/.test(property)) return `${type.shortName.toLowerCase()}-${randomAlnum(12)}`;
  return uuid();
}

function arnService(type: ResourceType): string {
  return type.serviceName.toLowerCase();
}

// Templates sometimes name a variable after, not exactly as, a property:
// `${SecurityGroupId}` for Id.
function templateProperty(name: string, model: Record<string, unknown>): string {
  if (model[name] !== undefined) return name;
  const keys = Object.keys(model).filter((k) => typeof model[k] === 'string' || typeof model[k] === 'number');
  const prefix = keys.filter((k) => name.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  if (prefix) return prefix;
  const suffix = keys.filter((k) => name.endsWith(k)).sort((a, b) => b.length - a.length)[0];
  if (suffix) return suffix;
  return name;
}

/** Fills `${Partition}`, `${Region}`, `${Account}` and property references in an ARN template. */
export function renderArnTemplate(
  template: string,
  region: string,
  model: Record<string, unknown>,
  fallbackId: () => string,
): string {
  return template.replace(/\$\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'Partition') return PARTITION;
    if (name === 'Region') return region;
    if (name === 'Account' || name === 'AccountId') return ACCOUNT_ID;
    // IAM's `${RoleNameWithPath}`: the path (default "/") and the name, `division_abc/JaneRole`
    // in `arn:aws:iam::123456789012:role/division_abc/JaneRole` (IAM User Guide, IAM ARNs).
    // The name may be a longer property: ManagedPolicyName for `${PolicyNameWithPath}`.
    const base = /^(\w+)WithPath$/.exec(name)?.[1];
    const named = base === undefined ? undefined : Object.keys(model).find((k) => (k === base || k.endsWith(base)) && typeof model[k] === 'string');
    if (named !== undefined) {
      const path = typeof model.Path === 'string' ? model.Path : '/';
      return `${path.replace(/^\//, '')}${String(model[named])}`;
    }
    const v = model[templateProperty(name, model)];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    return fallbackId();
  });
}

/**
 * The model as created: `desired` plus generated primary-identifier parts and read-only
 * attributes. `desired` itself is not changed.
 */
export function generateAttributes(
  type: ResourceType,
  region: string,
  desired: Record<string, unknown>,
  now = Date.now(),
): Record<string, unknown> {
  // A global service's ARNs hold no Region (namespaces.ts).
  const arnRegion = type.namespace === 'global' ? '' : region;
  const ctx = { region: arnRegion, account: ACCOUNT_ID, partition: PARTITION, now };
  const model: Record<string, unknown> = { ...desired, ...derivedAttributes(type.name, desired, ctx) };
  const primary = new Set(type.primaryIdentifier);
  const owned = new Set(ownedProperties(type.name));
  const placed = new Set([...placedProperties(type.name), ...owned]);
  const isEc2 = type.serviceName.toLowerCase() === 'ec2';
  const ownArn = ownArnProperty(type);

  // Identifiers first: ARNs and endpoints are built from them.
  for (const p of type.primaryIdentifier) {
    const col = type.properties.get(p);
    if (model[p] !== undefined || !col || p === ownArn || owned.has(p)) continue;
    if (col.type === 'integer' || col.type === 'number') model[p] = Math.floor(Math.random() * 1e6);
    else model[p] = idFor(type, p, true, model);
  }
  // The first generated id stands in for template variables that name no property
  // (`${ResourceId}`), so the ARN and the id agree.
  const firstId = type.primaryIdentifier.map((p) => model[p]).find((v) => typeof v === 'string' && !String(v).startsWith('arn:'));
  const fallbackId = () => (typeof firstId === 'string' ? firstId : uuid());

  for (const p of type.readOnly) {
    const col = type.properties.get(p);
    if (model[p] !== undefined || !col || col.type !== 'string' || placed.has(p)) continue;
    if (isEc2 && EC2_CONTAINER.has(p) && !primary.has(p)) continue;
    if (p === ownArn) {
      const template = type.def.arnTemplate ?? `arn:\${Partition}:${arnService(type)}:\${Region}:\${Account}:${type.shortName.toLowerCase()}/\${Id}`;
      model[p] = renderArnTemplate(template, arnRegion, model, fallbackId);
    } else if (isArnProperty(p)) {
      const kind = p.replace(/(Arn|ARN)$/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase() || 'resource';
      model[p] = `arn:${PARTITION}:${arnService(type)}:${arnRegion}:${ACCOUNT_ID}:${kind}/${fallbackId()}`;
    } else if (p === 'OwnerId' || p === 'AccountId') {
      model[p] = ACCOUNT_ID;
    } else if (IPV4.test(p)) {
      model[p] = ipv4For(p);
    } else if (TIME.test(p)) {
      model[p] = new Date(now).toISOString();
    } else if (ENDPOINT.test(p)) {
      const host = /^apigateway/i.test(type.serviceName) ? 'execute-api' : arnService(type);
      model[p] = `https://${fallbackId()}.${host}.${region}.amazonaws.com`;
    } else if (/(Id|Identifier|Uid|Uuid)$/.test(p) || /^Default(SecurityGroup|NetworkAcl)$/.test(p)) {
      model[p] = idFor(type, p, primary.has(p), model);
    }
  }
  if (ownArn && model[ownArn] === undefined && !owned.has(ownArn)) {
    model[ownArn] = renderArnTemplate(type.def.arnTemplate ?? '', arnRegion, model, fallbackId);
  }
  return model;
}

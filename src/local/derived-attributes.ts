// Read-only attributes in the shapes the service itself gives them, kept as small data
// modules per service, each with its sources: ec2-attributes.ts (routes and attachments
// identified by what the caller gave, a VPC's CIDR association), s3-attributes.ts (a
// bucket's ARN, domain names and website URL), iam-attributes.ts (a role's AROA… id),
// sqs-attributes.ts (a queue's URL as its identifier), dynamodb-attributes.ts (a stream
// ARN only while a stream is on), elb-attributes.ts (a load balancer's DNS name and hosted
// zone). The generic rules in attribute-generator.ts fill what no module names.
import { DYNAMODB_ATTRIBUTES } from './dynamodb-attributes.js';
import { EC2_ATTRIBUTES } from './ec2-attributes.js';
import { ELB_ATTRIBUTES } from './elb-attributes.js';
import { IAM_ATTRIBUTES } from './iam-attributes.js';
import { S3_ATTRIBUTES } from './s3-attributes.js';
import { SQS_ATTRIBUTES } from './sqs-attributes.js';

export type Model = Record<string, unknown>;

/** What a service's attributes may depend on besides the model. */
export interface ServiceContext {
  /** The Region the resource lives in ('' for a global service's). */
  region: string;
  account: string;
  partition: string;
  /** The cloud's clock, epoch milliseconds. */
  now: number;
}

export interface OwnedAttributes {
  /** Read-only properties the module alone decides (present or absent): the generic rules leave them alone. */
  owns?: readonly string[];
  /** At create, from the caller's properties: the attributes (and generated names) the service gives. */
  create(model: Model, ctx: ServiceContext): Model;
  /** At update: attributes that follow changed properties; an undefined value removes one. */
  update?(model: Model, previous: Model, ctx: ServiceContext): Model;
}

const BY_TYPE: Record<string, OwnedAttributes> = {
  ...EC2_ATTRIBUTES,
  ...S3_ATTRIBUTES,
  ...IAM_ATTRIBUTES,
  ...SQS_ATTRIBUTES,
  ...DYNAMODB_ATTRIBUTES,
  ...ELB_ATTRIBUTES,
};

function entry(typeName: string): OwnedAttributes | undefined {
  return Object.hasOwn(BY_TYPE, typeName) ? BY_TYPE[typeName] : undefined;
}

/** The read-only properties a service module decides for `typeName`. */
export function ownedProperties(typeName: string): readonly string[] {
  return entry(typeName)?.owns ?? [];
}

/** The attributes `typeName`'s service gives a new resource with `model`; only defined values. */
export function derivedAttributes(typeName: string, model: Model, ctx: ServiceContext): Model {
  const e = entry(typeName);
  if (!e) return {};
  return Object.fromEntries(Object.entries(e.create(model, ctx)).filter(([, v]) => v !== undefined));
}

/** `model` after an update from `previous`, with the attributes that follow changed properties. */
export function updatedAttributes(typeName: string, model: Model, previous: Model, ctx: ServiceContext): Model {
  const update = entry(typeName)?.update;
  if (!update) return model;
  const out = { ...model };
  for (const [k, v] of Object.entries(update(model, previous, ctx))) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

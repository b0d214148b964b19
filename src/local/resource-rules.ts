// Rules between resources that a service enforces, kept as data per service (ec2-rules.ts,
// lambda-rules.ts): a reference property must name a resource that exists, or the create
// fails; a resource cannot be deleted while another one references it; a create must give
// the properties the service requires; and a resource may come with companions the service
// creates alongside it (a VPC's default security group), which go when it goes and cannot
// be deleted on their own. The local cloud
// runs them when an operation completes, as the service's handler would, so a refused
// operation ends FAILED with the handler's error code and the service's own message.
import { failureFor, type HandlerErrorCode, type HandlerFailure, type HandlerSdk } from './handler-failure.js';
import { EC2_PLACEMENT, type Placement } from './ec2-placement.js';
import { EC2_RULES } from './ec2-rules.js';
import { LAMBDA_RULES } from './lambda-rules.js';

export type Model = Record<string, unknown>;

/** What the rules may look at: the resources of one region. */
export interface World {
  region: string;
  /** The properties of a resource, or undefined when there is none. */
  get(typeName: string, identifier: string): Model | undefined;
  /**
   * The resources of `typeName` whose `property` (a string, or a list of strings) holds
   * `value`; `owner` is the resource the service created one with, when it is a companion.
   */
  referrers(typeName: string, property: string, value: string): { identifier: string; properties: Model; owner?: Owner }[];
}

/** The resource a companion was created with. */
export interface Owner {
  type: string;
  identifier: string;
}

/** A resource an id may name: by its identifier, or by one of its properties. */
export type ReferenceTarget = string | { type: string; property: string };

/** `property` of a `type` names one (or a list of) `targets`, or the service answers `code`. */
export interface ReferenceRule {
  type: string;
  property: string;
  targets: ReferenceTarget[];
  code: string;
  /** The service's message; `{id}` is the id that names nothing. */
  message: string;
}

/** A `type` cannot be deleted while a `dependent` names it through `property`. */
export interface DependencyRule {
  type: string;
  dependent: string;
  property: string;
}

/** A create of `type` must give every one of `properties`, unless `unless.property` is `unless.equals`. */
export interface RequirementRule {
  type: string;
  properties: string[];
  unless?: { property: string; equals: unknown };
  code: string;
  message: string;
}

/**
 * A resource of `type` the service creates with each new `owner` (a VPC's default security
 * group), from the owner's model; `model` answers undefined when it makes none. It is
 * deleted with its owner, does not keep the owner from being deleted, and a delete of it
 * alone is refused with `refusal` (`{id}` its identifier, `{cidr}` a route's destination, `{owner}` its owner's identifier).
 * `is` tells it from resources of its type the caller made under the same parent (a
 * table's routes); without it, every one the owner holds is a companion.
 */
export interface CompanionRule {
  owner: string;
  type: string;
  model(owner: Model, world: World): Model | undefined;
  is?(model: Model): boolean;
  refusal: { code: string; message: string };
}

export interface ServiceRules {
  /** The service as the AWS SDK names it in a handler's message (AmazonEC2, Lambda). */
  service: string;
  /** The AWS SDK for Java its handlers are built on, which words the message's suffix (handler-failure.ts). */
  sdk?: HandlerSdk;
  /** The HandlerErrorCode the service's handlers answer with, per service error code. */
  handlerCodes: Record<string, HandlerErrorCode>;
  references: ReferenceRule[];
  dependencies: DependencyRule[];
  /** What the service answers when a delete is refused, per type; `{id}` is the identifier. */
  refusals: Record<string, { code: string; message: string }>;
  requirements?: RequirementRule[];
  companions?: CompanionRule[];
}

export const SERVICE_RULES: readonly ServiceRules[] = [EC2_RULES, LAMBDA_RULES];

// Per type, what the service fills in from the resources a new one names (ec2-placement.ts).
function placementOf(typeName: string): Placement | undefined {
  return Object.hasOwn(EC2_PLACEMENT, typeName) ? EC2_PLACEMENT[typeName] : undefined;
}

/** The read-only properties the service fills from related resources when `typeName` is created. */
export function placedProperties(typeName: string): readonly string[] {
  return placementOf(typeName)?.fills ?? [];
}

/** The model as created, with what the service takes from the resources it names; or its refusal. */
export function place(typeName: string, model: Model, world: World): Model | HandlerFailure {
  return placementOf(typeName)?.place(model, world) ?? model;
}

export interface Dependent {
  type: string;
  identifier: string;
  property: string;
}

export type DeleteRefusal = HandlerFailure & { dependents: Dependent[] };

export function fill(message: string, id: string): string {
  return message.replaceAll('{id}', id);
}

/** The ids a reference property holds: a string, or the strings of a list. */
export function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function targetExists(target: ReferenceTarget, id: string, world: World): boolean {
  if (typeof target === 'string') return world.get(target, id) !== undefined;
  return world.referrers(target.type, target.property, id).length > 0;
}

/**
 * The failure of a create (or, with `previous`, an update: only properties it changes)
 * whose reference property names no resource; undefined when every one does.
 */
export function missingReference(typeName: string, model: Model, world: World, previous?: Model, rules = SERVICE_RULES): HandlerFailure | undefined {
  for (const service of rules) {
    for (const rule of service.references) {
      if (rule.type !== typeName) continue;
      const value = model[rule.property];
      if (previous && JSON.stringify(previous[rule.property]) === JSON.stringify(value)) continue;
      for (const id of idsIn(value)) {
        if (!rule.targets.some((t) => targetExists(t, id, world))) return failureFor(service, rule.code, fill(rule.message, id));
      }
    }
  }
  return undefined;
}

/** The failure of a create that leaves out a property the service requires; undefined when it gives them. */
export function unmetRequirement(typeName: string, model: Model, rules = SERVICE_RULES): HandlerFailure | undefined {
  for (const service of rules) {
    for (const rule of service.requirements ?? []) {
      if (rule.type !== typeName) continue;
      if (rule.unless && model[rule.unless.property] === rule.unless.equals) continue;
      if (rule.properties.some((p) => model[p] === undefined || model[p] === null)) return failureFor(service, rule.code, rule.message);
    }
  }
  return undefined;
}

/** The companion rule that made a resource of `typeName` held by `owner`, if it is a companion. */
function companionRule(typeName: string, model: Model, owner: Owner | undefined, rules: readonly ServiceRules[]): { service: ServiceRules; rule: CompanionRule } | undefined {
  if (!owner) return undefined;
  for (const service of rules) {
    for (const rule of service.companions ?? []) {
      if (rule.type === typeName && rule.owner === owner.type && (rule.is?.(model) ?? true)) return { service, rule };
    }
  }
  return undefined;
}

/** The companions the service creates with a new `typeName`: each its type and model. */
export function companionsOf(typeName: string, model: Model, world: World, rules = SERVICE_RULES): { type: string; model: Model }[] {
  const out: { type: string; model: Model }[] = [];
  for (const service of rules) {
    for (const rule of service.companions ?? []) {
      if (rule.owner !== typeName) continue;
      const m = rule.model(model, world);
      if (m) out.push({ type: rule.type, model: m });
    }
  }
  return out;
}

/** The failure of deleting a companion on its own (a VPC's default security group); undefined for any other resource. */
export function companionRefusal(typeName: string, identifier: string, model: Model, owner: Owner | undefined, rules = SERVICE_RULES): HandlerFailure | undefined {
  const found = companionRule(typeName, model, owner, rules);
  if (!found) return undefined;
  const cidr = String(model.DestinationCidrBlock ?? model.DestinationIpv6CidrBlock ?? '');
  return failureFor(found.service, found.rule.refusal.code, fill(found.rule.refusal.message, identifier).replaceAll('{cidr}', cidr).replaceAll('{owner}', owner!.identifier));
}

/** The failure of deleting the resource while others depend on it; undefined when none do. Its own companions go with it. */
export function deleteRefusal(typeName: string, identifier: string, world: World, rules = SERVICE_RULES): DeleteRefusal | undefined {
  for (const service of rules) {
    const dependents: Dependent[] = [];
    for (const rule of service.dependencies) {
      if (rule.type !== typeName) continue;
      for (const r of world.referrers(rule.dependent, rule.property, identifier)) {
        const own = r.owner?.type === typeName && r.owner.identifier === identifier && companionRule(rule.dependent, r.properties, r.owner, rules);
        if (!own) dependents.push({ type: rule.dependent, identifier: r.identifier, property: rule.property });
      }
    }
    if (!dependents.length) continue;
    const refusal = service.refusals[typeName] ?? { code: 'DependencyViolation', message: `The resource '{id}' has dependencies and cannot be deleted.` };
    return { ...failureFor(service, refusal.code, fill(refusal.message, identifier)), dependents };
  }
  return undefined;
}

// Rules between resources that a service enforces, kept as data per service (ec2-rules.ts
// is the first): a reference property must name a resource that exists, or the create
// fails; a resource cannot be deleted while another one references it. The local cloud
// runs them when an operation completes, as the service's handler would, so a refused
// operation ends FAILED with the handler's error code and the service's own message.
import { failureFor, type HandlerErrorCode, type HandlerFailure } from './handler-failure.js';
import { EC2_PLACEMENT, type Placement } from './ec2-placement.js';
import { EC2_RULES } from './ec2-rules.js';

export type Model = Record<string, unknown>;

/** What the rules may look at: the resources of one region. */
export interface World {
  region: string;
  /** The properties of a resource, or undefined when there is none. */
  get(typeName: string, identifier: string): Model | undefined;
  /** The resources of `typeName` whose `property` (a string, or a list of strings) holds `value`. */
  referrers(typeName: string, property: string, value: string): { identifier: string; properties: Model }[];
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

export interface ServiceRules {
  /** The service as the AWS SDK names it in a handler's message (AmazonEC2). */
  service: string;
  /** The HandlerErrorCode the service's handlers answer with, per service error code. */
  handlerCodes: Record<string, HandlerErrorCode>;
  references: ReferenceRule[];
  dependencies: DependencyRule[];
  /** What the service answers when a delete is refused, per type; `{id}` is the identifier. */
  refusals: Record<string, { code: string; message: string }>;
}

export const SERVICE_RULES: readonly ServiceRules[] = [EC2_RULES];

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

/** The failure of deleting the resource while others depend on it; undefined when none do. */
export function deleteRefusal(typeName: string, identifier: string, world: World, rules = SERVICE_RULES): DeleteRefusal | undefined {
  for (const service of rules) {
    const dependents: Dependent[] = [];
    for (const rule of service.dependencies) {
      if (rule.type !== typeName) continue;
      for (const r of world.referrers(rule.dependent, rule.property, identifier)) {
        dependents.push({ type: rule.dependent, identifier: r.identifier, property: rule.property });
      }
    }
    if (!dependents.length) continue;
    const refusal = service.refusals[typeName] ?? { code: 'DependencyViolation', message: `The resource '{id}' has dependencies and cannot be deleted.` };
    return { ...failureFor(service, refusal.code, fill(refusal.message, identifier)), dependents };
  }
  return undefined;
}

// Defaults on read: what a read handler returns for properties the caller left out. The
// registry schema's `default` keywords (AWS::IAM::Role's Path "/", AWS::SSM::Document's
// DocumentFormat "JSON"), at the top level and inside objects and lists the caller gave,
// then the service defaults the schema states only in prose (service-defaults.ts). The
// local cloud fills them when a create or update takes effect, so every read returns them.
// Write-only properties are never filled: no read returns them.
import type { JsonSchema, RegistrySchema } from '../providers/aws/registry-schema.js';
import type { Model } from './derived-attributes.js';
import type { ResourceType } from './resource-type.js';
import { SERVICE_DEFAULTS, type DefaultsContext } from './service-defaults.js';

const MAX_DEPTH = 16;

function isObject(v: unknown): v is Model {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A schema node with `$ref`s to `#/definitions/…` followed. */
function resolve(schema: RegistrySchema, node: unknown, depth = 0): JsonSchema | undefined {
  if (!isObject(node)) return undefined;
  const ref = node.$ref;
  if (typeof ref === 'string' && depth < MAX_DEPTH) {
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    const target = m ? schema.definitions?.[m[1]] : undefined;
    return target ? resolve(schema, { ...target, ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) }, depth + 1) : node;
  }
  return node;
}

const KIND: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  object: isObject,
  array: Array.isArray,
};

/**
 * The node's default when it is one its own schema accepts: a few schemas give a default of
 * the wrong type (AWS::S3::Bucket's EventBridgeEnabled, a boolean, defaults to "true") or
 * out of range (AWS::MediaLive::CloudWatchAlarmTemplate's Period 0, minimum 10), and filling
 * it would make the model fail its next validation.
 */
function defaultOf(node: JsonSchema | undefined): unknown {
  if (!node || node.default === undefined || node.default === null) return undefined;
  const v = node.default;
  const types = typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : [];
  if (types.length && !types.some((t) => KIND[t]?.(v) ?? true)) return undefined;
  if (Array.isArray(node.enum) && !node.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) return undefined;
  if (typeof v === 'number' && ((typeof node.minimum === 'number' && v < node.minimum) || (typeof node.maximum === 'number' && v > node.maximum))) return undefined;
  if (typeof v === 'string') {
    if ((typeof node.minLength === 'number' && v.length < node.minLength) || (typeof node.maxLength === 'number' && v.length > node.maxLength)) return undefined;
    if (typeof node.pattern === 'string' && !matches(node.pattern, v)) return undefined;
  }
  return structuredClone(v);
}

function matches(pattern: string, v: string): boolean {
  try {
    return new RegExp(pattern).test(v);
  } catch {
    return true; // a Java pattern JavaScript cannot compile: the validator drops it too (registry-validator.ts)
  }
}

/** Fills `value` (an object or list the caller gave) with its schema's defaults, in place. */
function fillNested(schema: RegistrySchema, node: unknown, value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const s = resolve(schema, node);
  if (!s) return;
  if (Array.isArray(value)) {
    for (const item of value) fillNested(schema, s.items, item, depth + 1);
    return;
  }
  if (!isObject(value) || !isObject(s.properties)) return;
  for (const [name, sub] of Object.entries(s.properties)) {
    if (value[name] === undefined) {
      const d = defaultOf(resolve(schema, sub));
      if (d !== undefined) value[name] = d;
    } else fillNested(schema, sub, value[name], depth + 1);
  }
}

/** The model with the schema's and the service's defaults for what it leaves out; `model` is not changed. */
export function withDefaults(type: ResourceType, model: Model, ctx: DefaultsContext, operation: 'CREATE' | 'UPDATE' = 'CREATE'): Model {
  const out = structuredClone(model);
  const schema = type.schema;
  if (schema?.properties) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (type.writeOnly.has(name)) continue;
      if (out[name] === undefined) {
        const d = defaultOf(resolve(schema, sub));
        if (d !== undefined) out[name] = d;
      } else fillNested(schema, sub, out[name], 1);
    }
  }
  const service = Object.hasOwn(SERVICE_DEFAULTS, type.name) ? SERVICE_DEFAULTS[type.name] : undefined;
  if (service) {
    for (const [name, value] of Object.entries(service(out, ctx, operation))) {
      if (out[name] === undefined && !type.writeOnly.has(name)) out[name] = value;
    }
  }
  return out;
}

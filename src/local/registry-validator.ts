// Validation against a type's CloudFormation registry schema (enum, pattern, lengths,
// ranges, required, additionalProperties, oneOf/anyOf, nested definitions) with ajv, worded
// as Cloud Control's validator (everit-json-schema) words it: `Model validation failed
// (#/IntegrationType: FOO is not a valid enum value)`. Runs after the catalog-shape checks
// (schema-validator.ts), so their messages stay as they are. Each type's validator is
// compiled once, on its first write; reads never validate.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { RegistrySchema } from '../providers/aws/registry-schema.js';
import { kindOf } from './shape-validator.js';
import type { ResourceType } from './resource-type.js';

// The registry's own keywords (handlers, primaryIdentifier, tagging, …) and `format`s such
// as int64 are not JSON Schema's: strict off, formats not checked (Cloud Control's validator
// does not check them either). Its patterns are Java's; one JavaScript cannot compile is dropped.
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });

const cache = new WeakMap<ResourceType, ValidateFunction | null>();

function compiles(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** A copy fit for ajv: no $schema/$id (registry URLs ajv cannot resolve), no pattern JavaScript cannot compile. */
function sanitize(node: unknown, top = false): unknown {
  if (Array.isArray(node)) return node.map((n) => sanitize(n));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (top && (k === '$schema' || k === '$id' || k === 'id' || k === 'handlers')) continue;
    if (k === 'pattern' && !compiles(v)) continue;
    if (k === 'patternProperties' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([p, s]) => [compiles(p) ? p : '.*', sanitize(s)]));
    } else if (k === 'enum' || k === 'const' || k === 'default' || k === 'required') {
      out[k] = v;
    } else if ((k === 'properties' || k === 'definitions') && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, s]) => [name, sanitize(s)]));
    } else out[k] = sanitize(v);
  }
  return out;
}

function compile(schema: RegistrySchema): ValidateFunction | null {
  try {
    return ajv.compile(sanitize(schema, true) as object);
  } catch (e) {
    // A schema ajv cannot compile: the catalog-shape checks still run; say why once.
    console.error(`skyql local: the registry schema of ${schema.typeName} does not compile (${(e as Error).message}); validating with the catalog only`);
    return null;
  }
}

function validatorOf(type: ResourceType): ValidateFunction | null {
  let v = cache.get(type);
  if (v === undefined) {
    v = type.schema ? compile(type.schema) : null;
    cache.set(type, v);
  }
  return v;
}

/** JSON Schema type names as Cloud Control's validator words them ("expected type: JSONObject"). */
export const TYPE_WORD: Record<string, string> = {
  string: 'String',
  integer: 'Integer',
  number: 'Number',
  boolean: 'Boolean',
  object: 'JSONObject',
  array: 'JSONArray',
  null: 'Null',
};

function valueAt(model: unknown, pointer: string): unknown {
  let v = model;
  for (const t of pointer.split('/').slice(1)) {
    const key = t.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

/** One ajv error in everit's words, at `#/a/b`. */
function word(e: ErrorObject, model: unknown): string | undefined {
  const at = `#${e.instancePath}`;
  const value = valueAt(model, e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${at}: required key [${String(p.missingProperty)}] not found`;
    case 'additionalProperties':
      return `${at}: extraneous key [${String(p.additionalProperty)}] is not permitted`;
    case 'type': {
      const t = String(p.type).split(',')[0];
      return `${at}: expected type: ${TYPE_WORD[t] ?? t}, found: ${kindOf(value)}`;
    }
    case 'enum':
      return `${at}: ${typeof value === 'string' ? value : JSON.stringify(value)} is not a valid enum value`;
    case 'const':
      return `${at}: ${JSON.stringify(value)} does not match the constant`;
    case 'pattern':
      return `${at}: string [${String(value)}] does not match pattern ${String(p.pattern)}`;
    case 'minLength':
      return `${at}: expected minLength: ${String(p.limit)}, actual: ${typeof value === 'string' ? [...value].length : '?'}`;
    case 'maxLength':
      return `${at}: expected maxLength: ${String(p.limit)}, actual: ${typeof value === 'string' ? [...value].length : '?'}`;
    case 'minimum':
      return `${at}: ${String(value)} is not greater or equal to ${String(p.limit)}`;
    case 'maximum':
      return `${at}: ${String(value)} is not less or equal to ${String(p.limit)}`;
    case 'exclusiveMinimum':
      return `${at}: ${String(value)} is not greater than ${String(p.limit)}`;
    case 'exclusiveMaximum':
      return `${at}: ${String(value)} is not less than ${String(p.limit)}`;
    case 'minItems':
      return `${at}: expected minimum item count: ${String(p.limit)}, found: ${Array.isArray(value) ? value.length : '?'}`;
    case 'maxItems':
      return `${at}: expected maximum item count: ${String(p.limit)}, found: ${Array.isArray(value) ? value.length : '?'}`;
    case 'uniqueItems':
      return `${at}: array items are not unique`;
    case 'minProperties':
      return `${at}: minimum size: [${String(p.limit)}], found: [${value && typeof value === 'object' ? Object.keys(value).length : '?'}]`;
    case 'maxProperties':
      return `${at}: maximum size: [${String(p.limit)}], found: [${value && typeof value === 'object' ? Object.keys(value).length : '?'}]`;
    case 'oneOf':
      return `${at}: #: ${Array.isArray(p.passingSchemas) ? p.passingSchemas.length : 0} subschemas matched instead of one`;
    case 'anyOf':
      return `${at}: #: no subschema matched out of the total subschemas`;
    case 'not':
      return `${at}: subject must not be valid against schema`;
    case 'dependencies':
    case 'dependentRequired':
      return `${at}: property [${String(p.property)}] is required by [${String(p.missingProperty)}]`;
    default:
      return `${at}: ${e.message ?? e.keyword}`;
  }
}

/** Problems of `model` against the type's registry schema, everit's words; empty when valid or when there is no schema. */
export function registryProblems(type: ResourceType, model: Record<string, unknown>, limit = 10): string[] {
  const validate = validatorOf(type);
  if (!validate || validate(model)) return [];
  const errors = validate.errors ?? [];
  // Inside a oneOf/anyOf, each member's own complaints are noise next to the summary.
  const out: string[] = [];
  for (const e of errors) {
    if (/\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath) && errors.some((o) => (o.keyword === 'oneOf' || o.keyword === 'anyOf') && e.schemaPath.startsWith(o.schemaPath))) continue;
    const w = word(e, model);
    if (w && !out.includes(w)) out.push(w);
    if (out.length >= limit) break;
  }
  return out;
}

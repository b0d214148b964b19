// Build time: what a CloudFormation registry schema says about a type's top-level
// properties (their order, column types, flags and enums), and the compact copy of the
// schema the local cloud validates with. The runtime never reads registry schemas.
import type { ColumnType, HandlerName } from '../catalog-types.js';

export type JsonSchema = { [keyword: string]: unknown };

export interface RegistryHandler {
  permissions?: string[];
  handlerSchema?: { properties?: Record<string, JsonSchema>; required?: string[] };
  timeoutInMinutes?: number;
}

export interface RegistrySchema {
  typeName: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  required?: string[];
  readOnlyProperties?: string[];
  writeOnlyProperties?: string[];
  createOnlyProperties?: string[];
  conditionalCreateOnlyProperties?: string[];
  deprecatedProperties?: string[];
  primaryIdentifier?: string[];
  additionalIdentifiers?: string[][];
  handlers?: Partial<Record<HandlerName, RegistryHandler>>;
  tagging?: { taggable?: boolean; tagProperty?: string; tagOnCreate?: boolean; tagUpdatable?: boolean; cloudFormationSystemTags?: boolean; permissions?: string[] };
  /** The older spelling of tagging.taggable. */
  taggable?: boolean;
  [keyword: string]: unknown;
}

/** Cloud Control's handlers, in the order pages list them. */
export const HANDLERS: HandlerName[] = ['create', 'update', 'read', 'delete', 'list'];

/** `/properties/ApiId` → `ApiId`; nested pointers (`/properties/Code/ZipFile`) → undefined. */
export function topLevelProperty(pointer: string): string | undefined {
  const m = /^\/properties\/([^/]+)$/.exec(pointer);
  return m ? m[1] : undefined;
}

/** `/properties/Schedule/ScheduleId` → `Schedule/ScheduleId`, as the specification writes identifiers. */
export function propertyPath(pointer: string): string {
  return pointer.replace(/^\/properties\//, '');
}

function topLevelSet(pointers: string[] | undefined): Set<string> {
  return new Set((pointers ?? []).flatMap((p) => topLevelProperty(p) ?? []));
}

/**
 * A property's schema with `$ref`s to `#/definitions/…` followed and `allOf` members merged
 * (the property's own keywords win), as far as the top level of the value goes.
 */
export function resolveProperty(schema: RegistrySchema, prop: JsonSchema, depth = 0): JsonSchema {
  if (depth > 8) return prop;
  let out: JsonSchema = { ...prop };
  const ref = typeof out.$ref === 'string' ? out.$ref : undefined;
  if (ref) {
    delete out.$ref;
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    const target = m ? schema.definitions?.[m[1]] : undefined;
    if (target) out = { ...resolveProperty(schema, target, depth + 1), ...out };
  }
  if (Array.isArray(out.allOf)) {
    const members = out.allOf as JsonSchema[];
    delete out.allOf;
    for (const member of members) out = { ...resolveProperty(schema, member, depth + 1), ...out };
  }
  return out;
}

const COLUMN_TYPES = new Set<string>(['string', 'integer', 'number', 'boolean', 'object', 'array']);

/** The column type the registry gives a property; undefined when it does not say. */
export function registryColumnType(schema: RegistrySchema, prop: JsonSchema): ColumnType | undefined {
  const p = resolveProperty(schema, prop);
  const t = p.type;
  if (typeof t === 'string') return COLUMN_TYPES.has(t) ? (t as ColumnType) : undefined;
  if (Array.isArray(t)) {
    // ["object", "string"] (a policy as JSON or text) is JSON text: object, as the specification's unions.
    return t.length > 0 && t.every((x) => x === t[0]) && COLUMN_TYPES.has(t[0] as string) ? (t[0] as ColumnType) : 'object';
  }
  const members = (p.oneOf ?? p.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(members) && members.length > 0) {
    const types = members.map((m) => registryColumnType(schema, m));
    return types.every((x) => x !== undefined && x === types[0]) ? types[0] : 'object';
  }
  if (p.properties || p.patternProperties) return 'object';
  return undefined;
}

/**
 * Every JSON type the registry lets a property's value be, in the schema's order, where it
 * names them all (`type`, `type: [..]`, or every `oneOf`/`anyOf` member); undefined where any
 * part is untyped, which allows any value. `null` has no column type and is left out.
 */
export function registryColumnTypes(schema: RegistrySchema, prop: JsonSchema, depth = 0): ColumnType[] | undefined {
  if (depth > 8) return undefined;
  const p = resolveProperty(schema, prop);
  const t = p.type;
  if (typeof t === 'string' || Array.isArray(t)) {
    const kinds = [...new Set((typeof t === 'string' ? [t] : t).filter((x): x is ColumnType => COLUMN_TYPES.has(x as string)))];
    return kinds.length > 0 ? kinds : undefined;
  }
  const members = (p.oneOf ?? p.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(members) && members.length > 0) {
    const each = members.map((m) => registryColumnTypes(schema, m, depth + 1));
    return each.every((k) => k !== undefined) ? [...new Set(each.flat() as ColumnType[])] : undefined;
  }
  if (p.properties || p.patternProperties) return ['object'];
  return undefined;
}

/** Enums larger than this are left to Cloud Control's own validation: the catalog stays small. */
export const MAX_ENUM_VALUES = 100;

/** The allowed values of a top-level string or integer property, when the schema lists them. */
export function enumOf(schema: RegistrySchema, prop: JsonSchema): (string | number)[] | undefined {
  const p = resolveProperty(schema, prop);
  const values = p.enum;
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_ENUM_VALUES) return undefined;
  if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
  return values as (string | number)[];
}

/**
 * Top-level properties Cloud Control never returns: listed in writeOnlyProperties, or
 * objects every one of whose properties is (a Lambda function's Code).
 */
export function writeOnlyProperties(schema: RegistrySchema): Set<string> {
  const listed = schema.writeOnlyProperties ?? [];
  const out = topLevelSet(listed);
  const nested = new Set(listed);
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (out.has(name)) continue;
    const members = Object.keys((resolveProperty(schema, prop).properties as Record<string, unknown> | undefined) ?? {});
    if (members.length > 0 && members.every((m) => nested.has(`/properties/${name}/${m}`))) out.add(name);
  }
  return out;
}

/** The top-level flags of a type's properties. */
export function propertyFlags(schema: RegistrySchema): {
  readOnly: Set<string>;
  writeOnly: Set<string>;
  createOnly: Set<string>;
  deprecated: Set<string>;
  required: Set<string>;
} {
  return {
    readOnly: topLevelSet(schema.readOnlyProperties),
    writeOnly: writeOnlyProperties(schema),
    createOnly: topLevelSet(schema.createOnlyProperties),
    deprecated: topLevelSet(schema.deprecatedProperties),
    required: new Set(schema.required ?? []),
  };
}

/** Provisionable through Cloud Control: the schema has at least one handler. */
export function hasHandlers(schema: RegistrySchema | undefined): boolean {
  return Boolean(schema?.handlers && HANDLERS.some((h) => schema.handlers![h]));
}

// Prose and links: what a validator never reads. Dropped where they are keywords, never
// where they are names (a property called `description` keeps its schema).
const PROSE = new Set(['description', '$comment', 'examples', 'title', 'sourceUrl', 'documentationUrl', 'resourceLink']);
// Maps whose keys are names and whose values are schemas.
const NAME_MAPS = new Set(['properties', 'definitions', 'patternProperties']);
// Values that are data, copied as they are.
const DATA = new Set(['default', 'enum', 'const', 'required']);

function compactNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compactNode);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node as JsonSchema)) {
    if (PROSE.has(k)) continue;
    if (DATA.has(k)) out[k] = v;
    else if (NAME_MAPS.has(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v as JsonSchema).map(([name, s]) => [name, compactNode(s)]));
    } else out[k] = compactNode(v);
  }
  return out;
}

/**
 * The registry schema as the local cloud needs it: every keyword Cloud Control validates
 * or acts on, in the schema's own order, without prose and without IAM permissions (those
 * are in the catalog, for the pages).
 */
export function compactSchema(schema: RegistrySchema): RegistrySchema {
  const out = compactNode(schema) as RegistrySchema;
  if (out.handlers) {
    const handlers: RegistrySchema['handlers'] = {};
    for (const h of HANDLERS) {
      const handler = out.handlers[h];
      if (!handler) continue;
      handlers[h] = { ...handler };
      delete handlers[h].permissions;
    }
    out.handlers = handlers;
  }
  if (out.tagging) {
    out.tagging = { ...out.tagging };
    delete out.tagging.permissions;
  }
  return out;
}

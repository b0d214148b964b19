// Builds skyql's AWS catalog from AWS's CloudFormation registry schemas (what Cloud Control
// does with each type) merged with the resource specification shipped by
// @aws-cdk/aws-service-spec (descriptions, and the types the registry lacks). Runs at build
// time only (scripts/gen-catalog.ts).
import type { ColumnDef, ColumnType, HandlerName, ResourceDef } from '../catalog-types.js';
import { snakeCase, tableNameOf, tagsViewName } from './naming.js';
import {
  enumOf,
  HANDLERS,
  hasHandlers,
  propertyFlags,
  propertyPath,
  registryColumnType,
  registryColumnTypes,
  resolveProperty,
  topLevelProperty,
  type RegistrySchema,
} from './registry-schema.js';

interface SpecType {
  type: string;
  types?: SpecType[];
}
interface SpecProperty {
  type: SpecType;
  documentation?: string;
  required?: boolean;
  causesReplacement?: string;
}
export interface SpecResource {
  cloudFormationType: string;
  documentation?: string;
  primaryIdentifier?: string[];
  properties: Record<string, SpecProperty>;
  attributes: Record<string, SpecProperty>;
  tagInformation?: { tagPropertyName: string; variant: string };
  arnTemplate?: string;
}

export function columnTypeOf(t: SpecType): ColumnType {
  switch (t.type) {
    case 'string':
    case 'date-time':
      return 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'union': {
      const members = (t.types ?? []).map(columnTypeOf);
      return members.every((m) => m === members[0]) && members.length > 0 ? members[0] : 'object';
    }
    default: // ref, map, json, tag
      return 'object';
  }
}

/**
 * Every JSON type a specification type allows, where it says: several for a union of
 * concrete types; undefined where any part is `json` (anything), a map or a reference…
 * which `columnTypeOf` calls `object` without restricting the value.
 */
export function columnTypesOf(t: SpecType): ColumnType[] | undefined {
  if (t.type === 'union') {
    const each = (t.types ?? []).map(columnTypesOf);
    return each.length > 0 && each.every((k) => k !== undefined) ? [...new Set(each.flat() as ColumnType[])] : undefined;
  }
  const one = columnTypeOf(t);
  return one === 'object' && !['map', 'ref', 'tag'].includes(t.type) ? undefined : [one];
}

/** `types` on a column whose value may be one of several JSON types; nothing otherwise. */
function severalTypes(kinds: ColumnType[] | undefined): { types?: ColumnType[] } {
  return kinds && kinds.length > 1 ? { types: kinds } : {};
}

/** Markdown from the spec → the plain sentences the seed's pages show. */
export function plainText(doc: string | undefined): string {
  if (!doc) return '';
  // Code spans stay verbatim (`arn:aws:iam::*:user/*`); emphasis and links lose their marks.
  const text = doc
    .split('`')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/(^|[\s(])\*{1,2}([^*\s](?:[^*]*[^*\s])?)\*{1,2}/g, '$1$2'),
    )
    .join('');
  return text
    // A space before punctuation goes (`word .`), not before a name that starts with one (`a .zip file`).
    .replace(/\s+([.,;:)])(?=[\s.,;:)]|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A description ending in "…the following:" introduces a list the column has no room for. */
function withoutDanglingIntro(text: string): string {
  if (!text.endsWith(':')) return text;
  const cut = text.slice(0, -1).replace(/,[^,.]*$/, '');
  if (cut !== text.slice(0, -1)) return cut + '.';
  const lastStop = text.lastIndexOf('. ');
  return lastStop > 0 ? text.slice(0, lastStop + 1) : text.slice(0, -1) + '.';
}

function firstParagraph(doc: string | undefined): string {
  return withoutDanglingIntro(plainText((doc ?? '').split(/\n\s*\n/)[0]));
}

/** Columns of a type the registry has no schema for: the specification's, by name. */
function specColumns(r: SpecResource): ColumnDef[] {
  const required = new Set(Object.entries(r.properties).filter(([, p]) => p.required).map(([n]) => n));
  const byName = new Map<string, ColumnDef>();
  for (const [prop, p] of Object.entries(r.properties)) {
    byName.set(prop, {
      name: snakeCase(prop),
      property: prop,
      type: columnTypeOf(p.type),
      ...severalTypes(columnTypesOf(p.type)),
      description: firstParagraph(p.documentation),
      ...(p.causesReplacement === 'yes' ? { createOnly: true } : {}),
      ...(required.has(prop) ? { required: true } : {}),
    });
  }
  for (const [attr, a] of Object.entries(r.attributes)) {
    // Nested attributes (`VpcEncryptionControl.State`) live inside their top-level JSON column.
    if (attr.includes('.')) continue;
    const existing = byName.get(attr);
    if (existing) {
      if (!existing.description) existing.description = firstParagraph(a.documentation);
      continue;
    }
    byName.set(attr, {
      name: snakeCase(attr),
      property: attr,
      type: columnTypeOf(a.type),
      ...severalTypes(columnTypesOf(a.type)),
      description: firstParagraph(a.documentation),
      readOnly: true,
    });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Columns of a type with a registry schema: its properties in the schema's order
 * (attributes where the schema puts them), typed and flagged by the registry, described by
 * the specification where it has the property. Properties only the specification has are
 * left out: Cloud Control neither takes nor returns them.
 */
function registryColumns(reg: RegistrySchema, spec: SpecResource | undefined): ColumnDef[] {
  const flags = propertyFlags(reg);
  return Object.entries(reg.properties ?? {}).map(([prop, schema]): ColumnDef => {
    const specProp = spec?.properties[prop] ?? spec?.attributes[prop];
    const resolved = resolveProperty(reg, schema);
    const readOnly = flags.readOnly.has(prop);
    const values = enumOf(reg, schema);
    return {
      name: snakeCase(prop),
      property: prop,
      type: registryColumnType(reg, schema) ?? (specProp ? columnTypeOf(specProp.type) : 'object'),
      ...severalTypes(registryColumnType(reg, schema) ? registryColumnTypes(reg, schema) : specProp ? columnTypesOf(specProp.type) : undefined),
      description:
        firstParagraph(spec?.properties[prop]?.documentation) ||
        firstParagraph(spec?.attributes[prop]?.documentation) ||
        firstParagraph(typeof resolved.description === 'string' ? resolved.description : undefined),
      ...(readOnly ? { readOnly: true } : {}),
      ...(flags.createOnly.has(prop) ? { createOnly: true } : {}),
      ...(flags.writeOnly.has(prop) ? { writeOnly: true } : {}),
      ...(flags.deprecated.has(prop) ? { deprecated: true } : {}),
      ...(flags.required.has(prop) && !readOnly ? { required: true } : {}),
      ...(values ? { enum: values } : {}),
    };
  });
}

function columnsOf(t: TypeSource): ColumnDef[] {
  const columns = t.registry ? registryColumns(t.registry, t.spec) : specColumns(t.spec!);
  for (const c of columns) if (!c.description) c.description = `The ${c.property} property.`;
  columns.push({ name: 'region', type: 'string', description: 'AWS region.' });
  return columns;
}

/** The property holding a provisionable type's tags, from the registry's `tagging`. */
function tagsOf(t: TypeSource): ResourceDef['tags'] {
  const reg = t.registry!;
  let prop: string | undefined;
  if (reg.tagging) {
    if (reg.tagging.taggable === false) return undefined;
    // A tag property inside another (`/properties/TagSpecifications/*/Tags`) has no column of its own.
    prop = topLevelProperty(reg.tagging.tagProperty ?? '/properties/Tags');
  } else if (reg.taggable !== undefined) {
    prop = reg.taggable ? 'Tags' : undefined;
  } else {
    // No tagging in the schema: the specification's tag information, as before the registry.
    prop = t.spec?.tagInformation?.tagPropertyName;
  }
  const schema = prop ? reg.properties?.[prop] : undefined;
  if (!prop || !schema) return undefined;
  const type = registryColumnType(reg, schema);
  if (type === 'array') return { property: prop, variant: 'standard' };
  if (type === 'object') return { property: prop, variant: 'map' };
  return undefined;
}

/** Each handler's IAM actions, in the pages' order (Create, Update, Read, Delete, List). */
function handlersOf(reg: RegistrySchema): Partial<Record<HandlerName, string[]>> {
  const out: Partial<Record<HandlerName, string[]>> = {};
  for (const h of HANDLERS) {
    const handler = reg.handlers?.[h];
    if (handler) out[h] = [...(handler.permissions ?? [])];
  }
  return out;
}

/** One CloudFormation type and what each source says about it. */
interface TypeSource {
  cfnType: string;
  spec?: SpecResource;
  registry?: RegistrySchema;
  /** The registry's where it has the type, else the specification's. */
  primaryIdentifier: string[];
}

function typeSources(spec: SpecResource[], registry: ReadonlyMap<string, RegistrySchema>): TypeSource[] {
  const sources = new Map<string, TypeSource>();
  const identifier = (reg: RegistrySchema | undefined, r: SpecResource | undefined) =>
    reg?.primaryIdentifier?.length ? reg.primaryIdentifier.map(propertyPath) : (r?.primaryIdentifier ?? []);
  for (const r of spec) {
    const reg = registry.get(r.cloudFormationType);
    sources.set(r.cloudFormationType, { cfnType: r.cloudFormationType, spec: r, registry: reg, primaryIdentifier: identifier(reg, r) });
  }
  for (const [type, reg] of registry) {
    if (!sources.has(type)) sources.set(type, { cfnType: type, registry: reg, primaryIdentifier: identifier(reg, undefined) });
  }
  // Types without a primary identifier (SAM transforms, retired OpsWorks types) are not
  // managed by Cloud Control: it addresses every resource by that identifier.
  return [...sources.values()]
    .filter((t) => t.primaryIdentifier.length > 0)
    .sort((a, b) => a.cfnType.localeCompare(b.cfnType));
}

/** Why Cloud Control cannot provision a type, as SHOW RESOURCES and refusals say it. */
function notProvisionableReason(t: TypeSource): string {
  return t.registry
    ? `the registry schema of ${t.cfnType} has no handlers`
    : `the registry data has no Cloud Control schema for ${t.cfnType}`;
}

/**
 * The catalog: the registry decides behaviour (columns and their order, flags, handlers,
 * parents, tags); the specification adds descriptions and the types the registry lacks,
 * which are kept but marked not provisionable. Names resolved, parents linked, tag views added.
 */
export function buildCatalog(spec: SpecResource[], registry: ReadonlyMap<string, RegistrySchema> = new Map()): ResourceDef[] {
  const managed = typeSources(spec, registry);

  // A type whose own name is already plural (`Settings`) claims it before a type that
  // pluralizes onto it (`Setting`), which falls back to its singular name.
  const claimOrder = [...managed].sort((a, b) => Number(!alreadyPlural(a.cfnType)) - Number(!alreadyPlural(b.cfnType)));
  const taken = new Set<string>();
  const names = new Map<TypeSource, string>();
  for (const t of claimOrder) {
    const { service, resource } = tableNameOf(t.cfnType);
    names.set(t, uniqueName(service, resource, t.cfnType, taken));
  }
  const defs: ResourceDef[] = [];
  for (const t of managed) {
    const { service } = tableNameOf(t.cfnType);
    const provisionable = hasHandlers(t.registry);
    const tags = provisionable ? tagsOf(t) : undefined;
    defs.push({
      service,
      name: names.get(t)!,
      cfnType: t.cfnType,
      description:
        firstParagraph(t.spec?.documentation) || firstParagraph(t.registry?.description) || t.cfnType,
      columns: columnsOf(t),
      primaryIdentifier: t.primaryIdentifier,
      ...(provisionable ? { handlers: handlersOf(t.registry!) } : { provisionable: false, notProvisionable: notProvisionableReason(t) }),
      ...(tags ? { tags } : {}),
      ...(t.spec?.arnTemplate ? { arnTemplate: t.spec.arnTemplate } : {}),
    });
  }
  linkParents(defs, managed);
  return [...defs, ...tagViews(defs, taken)].sort((a, b) =>
    a.service === b.service ? a.name.localeCompare(b.name) : a.service.localeCompare(b.service),
  );
}

function alreadyPlural(cfnType: string): boolean {
  const own = snakeCase(cfnType.split('::')[2]);
  return tableNameOf(cfnType).resource === own;
}

/**
 * Two types can pluralize to one name (`Setting` and `Settings`). Types are visited in
 * sorted order; the first keeps the plural, a later one falls back to its singular
 * snake_case name, then to a numbered suffix; the order is fixed, never the spec's.
 */
function uniqueName(service: string, plural: string, cfnType: string, taken: Set<string>): string {
  const singular = snakeCase(cfnType.split('::')[2]);
  for (const candidate of [plural, singular]) {
    if (!taken.has(`${service}.${candidate}`)) {
      taken.add(`${service}.${candidate}`);
      return candidate;
    }
  }
  for (let i = 2; ; i++) {
    const candidate = `${plural}_${i}`;
    if (!taken.has(`${service}.${candidate}`)) {
      taken.add(`${service}.${candidate}`);
      return candidate;
    }
  }
}

/**
 * The list requirement: the keys the list handler needs in ResourceModel
 * (handlers.list.handlerSchema.required). One key whose type exists in the same service
 * (its primary identifier is exactly that property) is the parent: the table lists per
 * parent. Otherwise the keys are kept as `listRequires`.
 *
 * A parent's ids are found by listing it, so only a type Cloud Control lists without keys
 * qualifies (two attachments keyed by one ClusterArn are siblings, not parent and child).
 * Where several qualify, the one the key is named after wins (`FunctionName` →
 * `Function`); if none is, the parent is unknown and the keys stay a requirement.
 */
function linkParents(defs: ResourceDef[], sources: TypeSource[]): void {
  const byService = new Map<string, { def: ResourceDef; source: TypeSource }[]>();
  defs.forEach((def, i) => byService.set(def.service, [...(byService.get(def.service) ?? []), { def, source: sources[i] }]));
  const listsFreely = (t: TypeSource) =>
    Boolean(t.registry?.handlers?.list) && (t.registry?.handlers?.list?.handlerSchema?.required ?? []).length === 0;
  defs.forEach((d, i) => {
    if (!d.handlers?.list) return;
    const required = sources[i].registry?.handlers?.list?.handlerSchema?.required ?? [];
    if (required.length === 0) return;
    if (required.length === 1) {
      const key = required[0];
      const candidates = byService
        .get(d.service)!
        .filter(({ def: p, source }) => p !== d && p.primaryIdentifier.length === 1 && p.primaryIdentifier[0] === key && listsFreely(source))
        .map(({ def: p }) => p);
      const short = (p: ResourceDef) => p.cfnType.split('::')[2];
      const parent =
        candidates.length === 1 ? candidates[0] : candidates.find((p) => new RegExp(`^${short(p)}(Id|Arn|Name|Identifier)?$`).test(key));
      if (parent) {
        d.parent = { property: key, cfnType: parent.cfnType, table: `${parent.service}.${parent.name}` };
        return;
      }
    }
    d.listRequires = [...required];
  });
}

function tagViews(defs: ResourceDef[], taken: Set<string>): ResourceDef[] {
  const views: ResourceDef[] = [];
  for (const d of defs) {
    // A view reads each resource's tags with GetResource: the type needs a read handler.
    if (!d.tags || (d.handlers && !d.handlers.read)) continue;
    const name = tagsViewName(d.cfnType);
    if (taken.has(`${d.service}.${name}`)) continue; // a real type of that name wins
    taken.add(`${d.service}.${name}`);
    views.push({
      ...d,
      name,
      description: `One row per tag of each of ${d.service}.${d.name} (${d.cfnType}).`,
      // The tags column itself is left out: unnested into tag_key and tag_value, and a
      // `tags` alias in the query (json_group_object(…) AS tags) must not meet a column.
      columns: [
        { name: 'tag_key', type: 'string', description: 'The tag key.', readOnly: true },
        { name: 'tag_value', type: 'string', description: 'The tag value.', readOnly: true },
        ...d.columns.filter((c) => c.property !== d.tags!.property),
      ],
      tagsOf: d.name,
    });
  }
  return views;
}

/**
 * aws.cloud_control.resource_requests: the history of Create/Update/Delete requests
 * (ListResourceRequests, GetResourceRequestStatus), shaped like Cloud Control's ProgressEvent.
 */
export function resourceRequestsTable(): ResourceDef {
  const col = (property: string, description: string): ColumnDef => ({
    name: snakeCase(property),
    property,
    type: 'string',
    description,
    readOnly: true,
  });
  return {
    service: 'cloud_control',
    name: 'resource_requests',
    cfnType: 'AWS::CloudControl::ResourceRequest',
    description: 'Create, update and delete requests made through Cloud Control, with their status.',
    meta: 'resource_requests',
    primaryIdentifier: ['RequestToken'],
    columns: [
      col('RequestToken', 'The unique token of the request.'),
      col('Operation', 'CREATE, UPDATE or DELETE.'),
      col('OperationStatus', 'PENDING, IN_PROGRESS, SUCCESS, FAILED, CANCEL_IN_PROGRESS or CANCEL_COMPLETE.'),
      col('TypeName', 'The CloudFormation type of the resource.'),
      col('Identifier', 'The primary identifier of the resource.'),
      col('StatusMessage', 'Why the request is in its state.'),
      col('ErrorCode', 'The error code, when the request failed.'),
      col('EventTime', 'When the request status was last updated.'),
      col('RetryAfter', 'When to ask about the request again.'),
      col('HooksRequestToken', 'The token of the hooks request, if any.'),
      { ...col('ResourceModel', 'The resource model the request carries, as JSON.'), type: 'object' },
      { name: 'region', type: 'string', description: 'AWS region.' },
    ],
  };
}

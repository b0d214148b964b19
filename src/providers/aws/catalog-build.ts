// Builds skyql's AWS catalog from the CloudFormation resource specification shipped by
// @aws-cdk/aws-service-spec. Runs at build time only (scripts/gen-catalog.ts).
import type { ColumnDef, ColumnType, ResourceDef } from '../catalog-types.js';
import { snakeCase, tableNameOf, tagsViewName } from './naming.js';

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
    .replace(/\s+([.,;:)])/g, '$1')
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

function columnsOf(r: SpecResource): ColumnDef[] {
  const required = new Set(Object.entries(r.properties).filter(([, p]) => p.required).map(([n]) => n));
  const byName = new Map<string, ColumnDef>();
  for (const [prop, p] of Object.entries(r.properties)) {
    byName.set(prop, {
      name: snakeCase(prop),
      property: prop,
      type: columnTypeOf(p.type),
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
      description: firstParagraph(a.documentation),
      readOnly: true,
    });
  }
  const columns = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const c of columns) if (!c.description) c.description = `The ${c.property} property.`;
  columns.push({ name: 'region', type: 'string', description: 'AWS region.' });
  return columns;
}

/** The spec as a list of catalog resources, names resolved, parents linked, tag views added. */
export function buildCatalog(spec: SpecResource[]): ResourceDef[] {
  // Types without a primary identifier (SAM transforms, retired OpsWorks types) are not
  // managed by Cloud Control: it addresses every resource by that identifier.
  const managed = spec
    .filter((r) => r.primaryIdentifier && r.primaryIdentifier.length > 0)
    .sort((a, b) => a.cloudFormationType.localeCompare(b.cloudFormationType));

  // A type whose own name is already plural (`Settings`) claims it before a type that
  // pluralizes onto it (`Setting`), which falls back to its singular name.
  const claimOrder = [...managed].sort((a, b) => Number(!alreadyPlural(a)) - Number(!alreadyPlural(b)));
  const taken = new Set<string>();
  const names = new Map<SpecResource, string>();
  for (const r of claimOrder) {
    const { service, resource } = tableNameOf(r.cloudFormationType);
    names.set(r, uniqueName(service, resource, r.cloudFormationType, taken));
  }
  const defs: ResourceDef[] = [];
  for (const r of managed) {
    const { service } = tableNameOf(r.cloudFormationType);
    const name = names.get(r)!;
    const tagProp = r.tagInformation?.tagPropertyName;
    defs.push({
      service,
      name,
      cfnType: r.cloudFormationType,
      description: firstParagraph(r.documentation) || r.cloudFormationType,
      columns: columnsOf(r),
      primaryIdentifier: r.primaryIdentifier!,
      ...(tagProp && r.properties[tagProp]
        ? { tags: { property: tagProp, variant: r.tagInformation!.variant === 'map' ? 'map' : 'standard' } }
        : {}),
      ...(r.arnTemplate ? { arnTemplate: r.arnTemplate } : {}),
    });
  }
  linkParents(defs, managed);
  return [...defs, ...tagViews(defs, taken)].sort((a, b) =>
    a.service === b.service ? a.name.localeCompare(b.name) : a.service.localeCompare(b.service),
  );
}

function alreadyPlural(r: SpecResource): boolean {
  const own = snakeCase(r.cloudFormationType.split('::')[2]);
  return tableNameOf(r.cloudFormationType).resource === own;
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

function linkParents(defs: ResourceDef[], spec: SpecResource[]): void {
  const byService = new Map<string, ResourceDef[]>();
  for (const d of defs) byService.set(d.service, [...(byService.get(d.service) ?? []), d]);
  defs.forEach((d, i) => {
    const r = spec[i];
    if (d.primaryIdentifier.length < 2) return;
    const lead = d.primaryIdentifier[0];
    if (!(lead in r.properties)) return; // leading part must be writable
    const parent = byService
      .get(d.service)!
      .find((p) => p !== d && p.primaryIdentifier.length === 1 && p.primaryIdentifier[0] === lead);
    if (parent) d.parent = { property: lead, cfnType: parent.cfnType, table: `${parent.service}.${parent.name}` };
  });
}

function tagViews(defs: ResourceDef[], taken: Set<string>): ResourceDef[] {
  const views: ResourceDef[] = [];
  for (const d of defs) {
    if (!d.tags) continue;
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

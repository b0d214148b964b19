// Validates a resource model against its type's schema (nested values included), with the messages
// Cloud Control reports ("Model validation failed (#: required key [X] not found)").
// Nested values are checked against the catalog's shapes where it has them.
import type { ColumnType } from '../providers/catalog-types.js';
import { CloudError } from './cloud-error.js';
import { MAX_JSON_DEPTH, textDepth } from './json-depth.js';
import { registryProblems, TYPE_WORD } from './registry-validator.js';
import { kindOf, shapeProblems } from './shape-validator.js';
import type { ResourceType } from './resource-type.js';


function matches(type: ColumnType, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
  }
}

/** Parses a `DesiredState`/`ResourceModel` string: it must be a JSON object, nested no deeper than MAX_JSON_DEPTH. */
export function parseModel(text: string, member: string): Record<string, unknown> {
  if (textDepth(text) > MAX_JSON_DEPTH) {
    throw new CloudError('ValidationException', `${member} nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new CloudError('ValidationException', `${member} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new CloudError('ValidationException', `Model validation failed (#: expected type: JSONObject, found: ${kindOf(v)})`);
  }
  return v as Record<string, unknown>;
}

/** Schema problems in `model`, one per line as everit-json-schema words them; empty when valid. */
export function schemaProblems(type: ResourceType, model: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(model)) {
    const col = type.properties.get(key);
    if (!col) {
      problems.push(`#: extraneous key [${key}] is not permitted`);
      continue;
    }
    const shape = type.shapes?.root.p[key];
    if (shape) problems.push(...shapeProblems(model[key], shape, `#/${key}`, type.shapes!));
    else if (!(col.types ?? [col.type]).some((t) => matches(t, model[key]))) {
      problems.push(`#/${key}: expected type: ${(col.types ?? [col.type]).map((t) => TYPE_WORD[t]).join(' or ')}, found: ${kindOf(model[key])}`);
    }
  }
  for (const key of type.required) {
    if (model[key] === undefined) problems.push(`#: required key [${key}] not found`);
  }
  return problems;
}

/**
 * A desired state or patched model must satisfy the catalog's shapes, then the registry
 * schema (registry-validator.ts). Read-only values a patched model carries are the
 * service's own and are not validated again.
 */
export function assertValidModel(type: ResourceType, model: Record<string, unknown>): void {
  let problems = schemaProblems(type, model);
  if (!problems.length) {
    let input = model;
    if (Object.keys(model).some((k) => type.readOnly.has(k))) {
      input = Object.fromEntries(Object.entries(model).filter(([k]) => !type.readOnly.has(k)));
    }
    problems = registryProblems(type, input);
  }
  if (problems.length) throw new CloudError('ValidationException', `Model validation failed (${problems.join('\n')})`);
}

/** A desired state may not set read-only properties: the service owns them. */
export function assertNoReadOnly(type: ResourceType, model: Record<string, unknown>): void {
  const set = Object.keys(model).filter((k) => type.readOnly.has(k));
  if (set.length) {
    throw new CloudError(
      'InvalidRequestException',
      `Read only properties cannot be specified in the desired state of ${type.name}: ` +
        `[${set.map((k) => `/properties/${k}`).join(', ')}]`,
    );
  }
}

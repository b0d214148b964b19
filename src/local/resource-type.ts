// A catalog resource definition, indexed for the checks the local cloud runs per request.
import { defaultCatalog } from '../providers/catalog.js';
import type { Catalog } from '../providers/catalog.js';
import type { ColumnDef, ResourceDef } from '../providers/catalog-types.js';
import type { TypeShapes } from '../providers/shape-types.js';
import type { RegistrySchema } from '../providers/aws/registry-schema.js';
import { CloudError } from './cloud-error.js';
import { listPageSize } from './list-page-sizes.js';
import { namespaceOf, type Namespace } from './namespaces.js';

/** A Cloud Control action and the registry handler that serves it. */
export type Action = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'LIST';
const HANDLER: Record<Action, string> = { CREATE: 'create', READ: 'read', UPDATE: 'update', DELETE: 'delete', LIST: 'list' };

export interface ResourceType {
  name: string;
  /** `EC2` in `AWS::EC2::VPC`. */
  serviceName: string;
  /** `VPC` in `AWS::EC2::VPC`. */
  shortName: string;
  def: ResourceDef;
  properties: Map<string, ColumnDef>;
  primaryIdentifier: string[];
  required: string[];
  readOnly: Set<string>;
  createOnly: Set<string>;
  parent?: { property: string; typeName: string };
  /** Nested shapes of the properties, where the catalog has them. */
  shapes?: TypeShapes;
  /** The registry handlers (create, read, …); empty when the type is not provisionable. */
  handlers: ReadonlySet<string>;
  /** Top-level properties Cloud Control never returns (the catalog's write-only flag). */
  writeOnly: ReadonlySet<string>;
  /** Nested write-only members below a returned property, as pointer tokens (LoginProfile, Password). */
  writeOnlyPaths: readonly string[][];
  /** The compact registry schema, when the registry data has one. */
  schema?: RegistrySchema;
  /** Where its names live: one Region, every Region (IAM), or unique across Regions (S3 buckets); namespaces.ts. */
  namespace: Namespace;
  /** How many resources its list handler puts in one page (list-page-sizes.ts). */
  listPageSize: number;
}

const TYPE_NAME = /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;

export class TypeRegistry {
  private readonly cache = new Map<string, ResourceType | null>();

  constructor(private readonly catalog: Catalog = defaultCatalog()) {}

  /**
   * The type, or TypeNotFoundException as Cloud Control answers for an unknown type ("The
   * specified extension doesn't exist in the CloudFormation registry", Cloud Control API
   * reference). With an `action`, a type whose registry schema has no handler for it answers
   * UnsupportedActionException ("The specified resource doesn't support this resource
   * operation"), worded as Cloud Control words it: "Resource type AWS::EC2::Instance does not
   * support LIST action" (reported while that type was not yet provisionable). Types the
   * CloudFormation specification has but the registry data has no schema (or no handlers)
   * for, such as AWS::CodeBuild::Project, are NON_PROVISIONABLE: they exist in the registry,
   * so not TypeNotFound, and Cloud Control refuses every action on them with
   * UnsupportedActionException (go-to-k/cdk-real-drift#530: AWS::CodeBuild::ReportGroup,
   * NON_PROVISIONABLE, "CC API: UnsupportedActionException", live in us-east-1).
   */
  get(typeName: string, action?: Action): ResourceType {
    let t = this.cache.get(typeName);
    if (t === undefined) {
      t = TYPE_NAME.test(typeName) ? this.load(typeName) : null;
      this.cache.set(typeName, t);
    }
    if (!t) throw new CloudError('TypeNotFoundException', `The type '${typeName}' cannot be found.`);
    if (action && !t.handlers.has(HANDLER[action])) {
      throw new CloudError('UnsupportedActionException', `Resource type ${typeName} does not support ${action} action`);
    }
    return t;
  }

  private load(typeName: string): ResourceType | null {
    // A catalog that cannot be read is a broken install, not an unknown type: let it throw
    // (uncached) so the server reports an internal failure instead of lying.
    const def: ResourceDef | undefined = this.catalog.byCfnType(typeName);
    if (!def) return null;
    const properties = new Map<string, ColumnDef>();
    for (const c of def.columns) if (c.property) properties.set(c.property, c);
    const parts = typeName.split('::');
    const schema = this.catalog.registrySchema(typeName);
    const writeOnly = new Set(def.columns.filter((c) => c.writeOnly && c.property).map((c) => c.property as string));
    const writeOnlyPaths: string[][] = [];
    for (const pointer of schema?.writeOnlyProperties ?? []) {
      const tokens = pointer.split('/').slice(2);
      if (tokens.length > 1 && !writeOnly.has(tokens[0])) writeOnlyPaths.push(tokens);
    }
    return {
      name: typeName,
      serviceName: parts[1],
      shortName: parts[2],
      def,
      properties,
      primaryIdentifier: def.primaryIdentifier,
      required: def.columns.filter((c) => c.required && c.property).map((c) => c.property as string),
      readOnly: new Set(def.columns.filter((c) => c.readOnly && c.property).map((c) => c.property as string)),
      createOnly: new Set(def.columns.filter((c) => c.createOnly && c.property).map((c) => c.property as string)),
      parent: def.parent ? { property: def.parent.property, typeName: def.parent.cfnType } : undefined,
      shapes: this.catalog.shapes(typeName),
      handlers: new Set(Object.keys(schema?.handlers ?? {})),
      writeOnly,
      writeOnlyPaths,
      schema,
      namespace: namespaceOf(typeName),
      listPageSize: listPageSize(typeName),
    };
  }
}

/** The Cloud Control identifier: primary-identifier values joined by `|`. */
export function identifierOf(type: ResourceType, model: Record<string, unknown>): string {
  return type.primaryIdentifier.map((p) => String(model[p])).join('|');
}

/** The primary-identifier properties alone, as ListResources reports each resource. */
export function identifierModel(type: ResourceType, model: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of type.primaryIdentifier) if (model[p] !== undefined) out[p] = model[p];
  return out;
}

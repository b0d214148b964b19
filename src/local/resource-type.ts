// A catalog resource definition, indexed for the checks the local cloud runs per request.
import { defaultCatalog } from '../providers/catalog.js';
import type { Catalog } from '../providers/catalog.js';
import type { ColumnDef, ResourceDef } from '../providers/catalog-types.js';
import type { TypeShapes } from '../providers/shape-types.js';
import { CloudError } from './cloud-error.js';

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
}

const TYPE_NAME = /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;

export class TypeRegistry {
  private readonly cache = new Map<string, ResourceType | null>();

  constructor(private readonly catalog: Catalog = defaultCatalog()) {}

  /** The type, or TypeNotFoundException as Cloud Control answers for an unknown type. */
  get(typeName: string): ResourceType {
    let t = this.cache.get(typeName);
    if (t === undefined) {
      t = TYPE_NAME.test(typeName) ? this.load(typeName) : null;
      this.cache.set(typeName, t);
    }
    if (!t) throw new CloudError('TypeNotFoundException', `The type '${typeName}' cannot be found.`);
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

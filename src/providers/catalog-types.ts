// The catalog's data model: a resource is data (Steampipe's habit), not code.

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** Cloud Control's handlers for a type (a registry schema's `handlers`). */
export type HandlerName = 'create' | 'read' | 'update' | 'delete' | 'list';

export interface ColumnDef {
  /** SQL name, snake_case. */
  name: string;
  /** CloudFormation property or attribute name; absent for `region`. */
  property?: string;
  type: ColumnType;
  /**
   * Set only where the schema lets the value be one of several JSON types (`oneOf`/`anyOf`,
   * `type: [..]`, a specification union), in the schema's order: a DynamoDB table's KeySchema
   * is an array or an object. `type` is then `object` (the column holds JSON text) and a
   * write takes JSON text of any of these.
   */
  types?: ColumnType[];
  description: string;
  /** Set only by the service (registry readOnlyProperties; without a registry schema, an attribute). */
  readOnly?: boolean;
  /** Changing it replaces the resource; Cloud Control refuses to patch it. */
  createOnly?: boolean;
  /** Sent, never returned: GetResource and ListResources leave it out, so a SELECT reads NULL. */
  writeOnly?: boolean;
  /** The registry schema marks it deprecated. */
  deprecated?: boolean;
  /** CreateResource needs it (registry `required`). */
  required?: boolean;
  /** The only values Cloud Control accepts, where the registry schema lists them (up to 100). */
  enum?: (string | number)[];
}

export interface ParentDef {
  /** The property Cloud Control's list needs in ResourceModel (handlers.list.handlerSchema.required). */
  property: string;
  cfnType: string;
  /** `service.resource` of the parent table. */
  table: string;
}

export interface ResourceDef {
  service: string;
  name: string;
  cfnType: string;
  description: string;
  columns: ColumnDef[];
  /** CloudFormation property names, in schema order; joined by `|` they form the identifier. */
  primaryIdentifier: string[];
  parent?: ParentDef;
  /**
   * The keys ListResources needs in ResourceModel (handlers.list.handlerSchema.required),
   * set only where `parent` does not supply them all: several keys, or no parent table.
   */
  listRequires?: string[];
  /**
   * Cloud Control's handlers for the type and each one's IAM actions, in the registry's
   * order. Absent on tables not built from a registry schema (resource_requests): all apply.
   */
  handlers?: Partial<Record<HandlerName, string[]>>;
  /** Set (false) on types Cloud Control cannot provision; `notProvisionable` says why. */
  provisionable?: false;
  notProvisionable?: string;
  /** Set where the type is taggable: the property holding tags and its shape. */
  tags?: { property: string; variant: 'standard' | 'map' };
  arnTemplate?: string;
  /**
   * Cloud Control's own tables, not a resource type: the request history
   * (cloud_control.resource_requests), or any type's resources by TypeName (cloud_control.resources).
   */
  meta?: 'resource_requests' | 'resources';
  /** Set on `<resource>_tags` views: the resource whose tags it unnests, one row per tag. */
  tagsOf?: string;
  /** Set on `<resource>_list_only` views: the resource whose identifiers ListResources gives. */
  listOnlyOf?: string;
}

export interface ServiceIndexEntry {
  name: string;
  /** The CloudFormation namespace, e.g. `AWS::ApiGatewayV2`. */
  namespace: string;
  resources: string[];
}

/** What a build produced: the README's counts are written from these. */
export interface CatalogCounts {
  /** Resource types (tables that are not views nor resource_requests). */
  types: number;
  provisionable: number;
  notProvisionable: number;
  /** Of the types not provisionable: how many have no registry schema at all. */
  withoutRegistrySchema: number;
  /** `<resource>_tags` views. */
  tagViews: number;
  services: number;
  tables: number;
}

export interface CatalogIndex {
  provider: string;
  specVersion: string;
  /** The registry schemas the build merged: the archive, its sha256 and its schema count. */
  registry?: { archive: string; sha256: string; schemas: number };
  counts?: CatalogCounts;
  services: ServiceIndexEntry[];
}

/** A column's type as DESCRIBE and the docs show it: `array|object` where several are allowed. */
export function columnTypeName(c: Pick<ColumnDef, 'type' | 'types'>): string {
  return c.types ? c.types.join('|') : c.type;
}

// The catalog's data model: a resource is data (Steampipe's habit), not code.

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface ColumnDef {
  /** SQL name, snake_case. */
  name: string;
  /** CloudFormation property or attribute name; absent for `region`. */
  property?: string;
  type: ColumnType;
  description: string;
  /** Set only by the service (an attribute that is not also a writable property). */
  readOnly?: boolean;
  /** Changing it replaces the resource; Cloud Control refuses to patch it. */
  createOnly?: boolean;
  required?: boolean;
}

export interface ParentDef {
  /** The leading identifier property that Cloud Control's list needs in ResourceModel. */
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
  /** Set where the type is taggable: the property holding tags and its shape. */
  tags?: { property: string; variant: 'standard' | 'map' };
  arnTemplate?: string;
  /** Cloud Control's own request history (aws.cloud_control.resource_requests), not a resource type. */
  meta?: 'resource_requests';
  /** Set on `<resource>_tags` views: the resource whose tags it unnests, one row per tag. */
  tagsOf?: string;
}

export interface ServiceIndexEntry {
  name: string;
  /** The CloudFormation namespace, e.g. `AWS::ApiGatewayV2`. */
  namespace: string;
  resources: string[];
}

export interface CatalogIndex {
  provider: string;
  specVersion: string;
  services: ServiceIndexEntry[];
}

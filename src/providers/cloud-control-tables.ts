// Cloud Control's own tables beside the request history, as StackQL's awscc provider names
// them (stackql-provider-awscc, website/docs/services/cloud_control): `resources`
// (ListResources of any type, by TypeName), `resource` (GetResource by TypeName and
// Identifier) and `resource_request` (one request, by RequestToken). Derived when the
// catalog is read, like the _list_only views.
import type { ColumnDef, ResourceDef } from './catalog-types.js';

const col = (name: string, type: ColumnDef['type'], description: string): ColumnDef => ({ name, type, description, readOnly: true });

function generic(name: string, description: string): ResourceDef {
  return {
    service: 'cloud_control',
    name,
    cfnType: 'AWS::CloudControl::Resource',
    description,
    meta: 'resources',
    primaryIdentifier: [],
    columns: [
      col('identifier', 'string', "The resource's primary identifier."),
      col('properties', 'object', 'Its properties as Cloud Control returns them, as JSON.'),
      col('typename', 'string', 'The CloudFormation type the query names (TypeName).'),
      col('region', 'string', 'AWS region.'),
    ],
  };
}

/** The tables added to service cloud_control, given its stored resource_requests. */
export function cloudControlTables(requests: ResourceDef): ResourceDef[] {
  return [
    generic('resources', 'Every resource of one type in a region (ListResources): WHERE TypeName = … AND region = ….'),
    generic('resource', 'One resource of any type (GetResource): WHERE TypeName = … AND Identifier = … AND region = ….'),
    { ...requests, name: 'resource_request', description: 'One Cloud Control request (GetResourceRequestStatus): WHERE RequestToken = … AND region = ….' },
  ];
}

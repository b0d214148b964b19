// The methods a table answers, as the seed's resource pages list them.
import type { ResourceDef } from './catalog-types.js';

export interface MethodDef {
  name: string;
  sqlVerb: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'EXEC';
  requiredParams: string[];
}

export function requiredProperties(def: ResourceDef): string[] {
  return def.columns
    .filter((c) => c.required && c.property)
    .map((c) => c.property!)
    .sort((a, b) => a.localeCompare(b));
}

export function methodsOf(def: ResourceDef): MethodDef[] {
  if (def.meta === 'resource_requests') {
    return [
      { name: 'list_resource_requests', sqlVerb: 'SELECT', requiredParams: ['region'] },
      { name: 'get_resource_request_status', sqlVerb: 'SELECT', requiredParams: ['data__RequestToken', 'region'] },
      { name: 'cancel_resource_request', sqlVerb: 'EXEC', requiredParams: ['RequestToken', 'region'] },
    ];
  }
  const reads: MethodDef[] = [
    { name: 'list_resources', sqlVerb: 'SELECT', requiredParams: ['region'] },
    { name: 'get_resource', sqlVerb: 'SELECT', requiredParams: ['data__Identifier', 'region'] },
  ];
  // A tags view only reads: tags are written through the resource's own Tags column.
  if (def.tagsOf) return reads;
  return [
    { name: 'create_resource', sqlVerb: 'INSERT', requiredParams: [...requiredProperties(def), 'region'] },
    { name: 'delete_resource', sqlVerb: 'DELETE', requiredParams: ['data__Identifier', 'region'] },
    { name: 'update_resource', sqlVerb: 'UPDATE', requiredParams: ['data__Identifier', 'data__PatchDocument', 'region'] },
    ...reads,
  ];
}

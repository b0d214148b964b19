// The methods a table answers, as the seed's resource pages list them: one per handler
// Cloud Control has for the type.
import type { HandlerName, ResourceDef } from './catalog-types.js';

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
  // Only the handlers the type has (a table not built from a registry schema has them all);
  // a type Cloud Control cannot provision has none.
  if (def.provisionable === false) return [];
  const has = (h: HandlerName) => !def.handlers || h in def.handlers;
  const reads: MethodDef[] = [
    ...(has('list') ? [{ name: 'list_resources', sqlVerb: 'SELECT' as const, requiredParams: ['region'] }] : []),
    ...(has('read') ? [{ name: 'get_resource', sqlVerb: 'SELECT' as const, requiredParams: ['data__Identifier', 'region'] }] : []),
  ];
  // A tags view only reads: tags are written through the resource's own Tags column.
  if (def.tagsOf) return reads;
  return [
    ...(has('create') ? [{ name: 'create_resource', sqlVerb: 'INSERT' as const, requiredParams: [...requiredProperties(def), 'region'] }] : []),
    ...(has('delete') ? [{ name: 'delete_resource', sqlVerb: 'DELETE' as const, requiredParams: ['data__Identifier', 'region'] }] : []),
    ...(has('update')
      ? [{ name: 'update_resource', sqlVerb: 'UPDATE' as const, requiredParams: ['data__Identifier', 'data__PatchDocument', 'region'] }]
      : []),
    ...reads,
  ];
}

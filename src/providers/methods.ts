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

/** The names a dialect gives Cloud Control's request parameters. */
export interface RequestNames {
  identifier: string;
  patchDocument: string;
}

export const AWS_NAMES: RequestNames = { identifier: 'data__Identifier', patchDocument: 'data__PatchDocument' };
/** StackQL's awscc provider names them as Cloud Control's API does. */
export const AWSCC_NAMES: RequestNames = { identifier: 'Identifier', patchDocument: 'PatchDocument' };

/** A table's methods: one per handler of its type; a view of it (tags, list only) only reads. */
export function methodsOf(def: ResourceDef, names: RequestNames = AWS_NAMES): MethodDef[] {
  const readsOnly = def.tagsOf ? 'all' : def.listOnlyOf ? 'list' : false;
  // Only the handlers the type has (a table not built from a registry schema has them all);
  // a type Cloud Control cannot provision has none.
  if (def.provisionable === false) return [];
  const has = (h: HandlerName) => !def.handlers || h in def.handlers;
  const reads: MethodDef[] = [
    ...(has('list') ? [{ name: 'list_resources', sqlVerb: 'SELECT' as const, requiredParams: ['region'] }] : []),
    ...(has('read') && readsOnly !== 'list' ? [{ name: 'get_resource', sqlVerb: 'SELECT' as const, requiredParams: [names.identifier, 'region'] }] : []),
  ];
  if (readsOnly) return reads;
  return [
    ...(has('create') ? [{ name: 'create_resource', sqlVerb: 'INSERT' as const, requiredParams: [...requiredProperties(def), 'region'] }] : []),
    ...(has('delete') ? [{ name: 'delete_resource', sqlVerb: 'DELETE' as const, requiredParams: [names.identifier, 'region'] }] : []),
    ...(has('update')
      ? [{ name: 'update_resource', sqlVerb: 'UPDATE' as const, requiredParams: [names.identifier, names.patchDocument, 'region'] }]
      : []),
    ...reads,
  ];
}

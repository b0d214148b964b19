// `<resource>_list_only` tables (StackQL's awscc names): derived from the resource's entry
// when the catalog is read, not stored, so they cost nothing to build and count nothing.
import type { ColumnDef, ResourceDef } from './catalog-types.js';

export const LIST_ONLY_SUFFIX = '_list_only';

/** Types Cloud Control can list as they are (no keys to supply): they get a _list_only view. */
export function hasListOnlyView(def: ResourceDef): boolean {
  return !def.tagsOf && !def.meta && !def.listOnlyOf && def.provisionable !== false && !def.listRequires && (!def.handlers || 'list' in def.handlers);
}

/** The view's catalog entry: the resource's identifier columns and region, nothing else. */
export function listOnlyDef(def: ResourceDef): ResourceDef {
  // Top-level properties: a few identifiers are nested paths (`StorageLensConfiguration/Id`).
  const keep = new Set([...def.primaryIdentifier, ...(def.parent ? [def.parent.property] : [])].map((p) => p.split('/')[0]));
  const columns: ColumnDef[] = def.columns.filter((c) => c.name === 'region' || (c.property !== undefined && keep.has(c.property)));
  return {
    ...def,
    name: `${def.name}${LIST_ONLY_SUFFIX}`,
    description: `The identifiers of every ${def.cfnType} in a region, from ListResources alone (no GetResource).`,
    columns,
    listOnlyOf: def.name,
  };
}


// `<resource>_tags`: one row per tag of each resource (tag_key, tag_value) beside the
// resource's columns, as stackql-deploy's AWS examples query them. Read like its resource,
// always with a GetResource per resource: a list carries no tags.
import { PlanError } from '../../errors.js';
import type { ColumnDef } from '../../providers/catalog-types.js';
import { tagPairs, toSqlValue } from '../decode-value.js';
import type { FetchedResource, LoadedRows, ReadPlan } from '../read-plan.js';
import { ResourceSource } from './resource-source.js';

const VERB = { create: 'inserted into', update: 'updated', delete: 'deleted from' } as const;

export class TagsSource extends ResourceSource {
  protected override readonly kind = 'tags';

  protected override needsGet(): boolean {
    return true;
  }

  override checkWritable(handler: 'create' | 'update' | 'delete'): void {
    const resource = `${this.name.slice(0, this.name.lastIndexOf('.'))}.${this.def.tagsOf}`;
    throw new PlanError(`${this.name} is a view of ${resource}'s tags and cannot be ${VERB[handler]}: change the Tags column of ${resource} instead.`);
  }

  override rows(plan: ReadPlan, fetched: FetchedResource[]): LoadedRows {
    const tagsProperty = this.def.tags!.property;
    const out: unknown[][] = [];
    for (const r of fetched) {
      const base = [...plan.columns.map((c: ColumnDef) => toSqlValue(c, r.properties[c.property!])), r.region];
      for (const [k, v] of tagPairs(r.properties[tagsProperty])) out.push([...base, k, v]);
    }
    return { columns: [...plan.columns.map((c) => c.name), 'region', 'tag_key', 'tag_value'], rows: out };
  }
}

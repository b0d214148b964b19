// `<resource>_list_only` (StackQL's awscc tables): ListResources alone, never a
// GetResource, so its columns are what a list returns: the identifier's properties (and
// region). Cheap existence checks read it (`SELECT COUNT(*) … _list_only WHERE …`).
import type { ColumnDef } from '../../providers/catalog-types.js';
import { PlanError } from '../../errors.js';
import { checkReadable } from '../../providers/operable.js';
import type { TableRef } from '../../sql/select-query.js';
import type { PushdownAnswer } from '../pushdown.js';
import type { ReadPlan } from '../read-plan.js';
import type { Predicate } from '../../sql/select-query.js';
import { ResourceSource } from './resource-source.js';

export class ListOnlySource extends ResourceSource {
  protected override readonly kind = 'list_only';

  override classify(p: Predicate): PushdownAnswer {
    const answer = super.classify(p);
    // Only region and a child's parent narrow a list; the rest is applied in SQL.
    return answer === 'exact' && p.column !== 'region' ? 'unsupported' : answer;
  }

  /** Never a get: a pinned identifier is found in the list and kept by the WHERE. */
  protected override identifiers(): undefined {
    return undefined;
  }

  protected override decoded(ref: TableRef): ColumnDef[] {
    void ref;
    return this.def.columns.filter((c) => c.property !== undefined);
  }

  protected override needsGet(): boolean {
    return false;
  }

  override checkWritable(): void {
    const resource = `${this.name.slice(0, this.name.lastIndexOf('.'))}.${this.def.listOnlyOf}`;
    throw new PlanError(`${this.name} lists ${resource}'s identifiers and cannot be written: write ${resource} instead.`);
  }

  override checkReadable(plan: ReadPlan): void {
    void plan;
    checkReadable(this.def, true);
  }
}

// One interface for every kind of table a query can name (DataFusion's TableProvider
// habit): a Cloud Control resource, its `_tags` view, its `_list_only` view, the request
// history. Each kind is one implementation in sources/; nothing else branches on kind.
import type { ColumnDef, ResourceDef } from '../providers/catalog-types.js';
import type { MethodDef } from '../providers/methods.js';
import type { Predicate, TableRef } from '../sql/select-query.js';
import type { PushdownAnswer } from './pushdown.js';
import type { FetchedResource, LoadedRows, ReadPlan } from './read-plan.js';

export interface PlanContext {
  /** Prints the user's query with one more predicate: the fix a PlanError shows. */
  corrected(refId: number, column: string, example: string): string;
}

export interface TableSource {
  /** provider.service.resource, as queries name it. */
  readonly name: string;
  /** The catalog entry the source reads (its Cloud Control type and columns). */
  readonly def: ResourceDef;
  /** The backend table's columns. */
  readonly columns: ColumnDef[];
  /** Key columns: the identifier's parts in schema order (data__Identifier is their `|` join). */
  readonly keyColumns: string[];
  /** The names a query may give the identifier: data__Identifier, and Identifier where no column has that name. */
  readonly identifierNames: string[];
  /** What the calls can guarantee about one predicate. */
  classify(p: Predicate): PushdownAnswer;
  /** The calls that answer a reference; throws PlanError for what the query must add (a region). */
  plan(ref: TableRef, ctx: PlanContext): ReadPlan;
  /** Checks the plan's calls are ones Cloud Control can answer for this type (handlers, provisionable). */
  checkReadable(plan: ReadPlan): void;
  /** Backend rows from what the plan's calls returned. */
  rows(plan: ReadPlan, fetched: FetchedResource[]): LoadedRows;
  /** The methods it answers (SHOW METHODS, docs pages), in its provider's names. */
  methods(): MethodDef[];
  /** Refuses, before any call, a write this table cannot take: a view, or a type without the handler. */
  checkWritable(handler: 'create' | 'update' | 'delete'): void;
}

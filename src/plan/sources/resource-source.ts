// A Cloud Control resource type as a table: GetResource by identifier, else ListResources
// (per parent for a child type), then GetResource per listed resource when the query
// needs more than the identifiers a list returns.
import { PlanError } from '../../errors.js';
import type { ColumnDef, ResourceDef } from '../../providers/catalog-types.js';
import { checkReadable, checkWritable } from '../../providers/operable.js';
import { AWS_NAMES, AWSCC_NAMES, methodsOf, type MethodDef, type RequestNames } from '../../providers/methods.js';
import { GLOBAL_REGION, isGlobalService } from '../../providers/aws/global-services.js';
import type { Predicate, TableRef } from '../../sql/select-query.js';
import { toSqlValue } from '../decode-value.js';
import { columnForProperty, type PushdownAnswer } from '../pushdown.js';
import type { CallPlan, FetchedResource, LoadedRows, PushedPredicate, ReadPlan } from '../read-plan.js';
import type { PlanContext, TableSource } from '../table-source.js';
import { allowed, cartesian, predicateText } from './key-values.js';

export const DATA_IDENTIFIER = 'data__identifier';

/** data__Identifier always; `Identifier` too (StackQL's awscc spelling) unless a column has that name. */
export function identifierNamesOf(def: ResourceDef): string[] {
  return def.columns.some((c) => c.name === 'identifier') ? [DATA_IDENTIFIER] : [DATA_IDENTIFIER, 'identifier'];
}

export class ResourceSource implements TableSource {
  readonly columns: ColumnDef[];
  readonly keyColumns: string[];
  readonly identifierNames: string[];
  protected readonly parentColumn?: string;
  protected readonly kind: string = 'resource';

  constructor(
    readonly name: string,
    readonly def: ResourceDef,
  ) {
    this.columns = def.columns;
    this.keyColumns = def.primaryIdentifier.map((p) => columnForProperty(def, p));
    this.identifierNames = identifierNamesOf(def);
    if (def.parent) this.parentColumn = columnForProperty(def, def.parent.property);
  }

  classify(p: Predicate): PushdownAnswer {
    if (p.values.some((v) => v === null)) return 'unsupported';
    if (p.column === 'region' || this.identifierNames.includes(p.column)) return 'exact';
    if (p.column === this.parentColumn) return 'inexact';
    return this.keyColumns.includes(p.column) ? 'exact' : 'unsupported';
  }

  /** The regions the calls go to: the query's, else us-east-1 for a global service. */
  protected regions(ref: TableRef, ctx: PlanContext, notes: string[]): string[] {
    const regions = allowed(ref.predicates, 'region');
    if (regions) return regions;
    const service = this.serviceOf(ref);
    if (isGlobalService(service)) {
      notes.push(`${service} is a global service: region ${GLOBAL_REGION}`);
      return [GLOBAL_REGION];
    }
    throw new PlanError(
      `${this.name} needs a region: Cloud Control is regional. Add it to the WHERE clause:\n  ${ctx.corrected(ref.id, 'region', 'us-east-1')}`,
    );
  }

  /** The service whose resources the reference reads (its own, for a resource table). */
  protected serviceOf(ref: TableRef): string {
    void ref;
    return this.def.service;
  }

  /** Identifiers the query pins, from data__Identifier or every key column; else undefined. */
  protected identifiers(ref: TableRef): string[] | undefined {
    const byIdentifier = allowed(ref.predicates, this.identifierNames);
    if (byIdentifier) return byIdentifier;
    const perColumn = this.keyColumns.map((c) => allowed(ref.predicates, c));
    if (perColumn.every((v) => v !== undefined)) return cartesian(perColumn as string[][]).map((parts) => parts.join('|'));
    return undefined;
  }

  /** The columns decoded from properties: what the query names, and always the key columns. */
  protected decoded(ref: TableRef): ColumnDef[] {
    // Write-only columns never are: Cloud Control does not return them, so they stay NULL
    // and never cause a GetResource.
    return this.def.columns.filter(
      (c) => c.property && !c.writeOnly && (ref.allColumns || ref.columns.has(c.name) || this.keyColumns.includes(c.name)),
    );
  }

  /** Whether listed resources need a GetResource each: a list returns the identifier properties only. */
  protected needsGet(columns: ColumnDef[]): boolean {
    return columns.some((c) => !this.keyColumns.includes(c.name));
  }

  protected calls(ref: TableRef, columns: ColumnDef[]): CallPlan {
    const typeName = this.def.cfnType;
    const identifiers = this.identifiers(ref);
    if (identifiers) return { call: 'get', typeName, identifiers };
    const thenGet = this.needsGet(columns);
    if (!this.def.parent) return { call: 'list', typeName, thenGet };
    const ids = allowed(ref.predicates, this.parentColumn!);
    const parent = { property: this.def.parent.property, typeName: this.def.parent.cfnType, ...(ids ? { ids } : {}) };
    return { call: 'list', typeName, parent, thenGet };
  }

  /** Each predicate's answer given the calls chosen: a key column narrows only a get. */
  protected pushdown(ref: TableRef, calls: CallPlan): PushedPredicate[] {
    return ref.predicates.map((p) => {
      let answer = this.classify(p);
      if (answer === 'exact' && calls.call !== 'get' && this.keyColumns.includes(p.column) && p.column !== 'region') answer = 'unsupported';
      return { text: predicateText(p), answer };
    });
  }

  plan(ref: TableRef, ctx: PlanContext): ReadPlan {
    // The answers decide what reaches the calls: an unsupported predicate narrows nothing.
    const pushable = { ...ref, predicates: ref.predicates.filter((p) => this.classify(p) !== 'unsupported') };
    const notes: string[] = [];
    const regions = this.regions(pushable, ctx, notes);
    const columns = this.decoded(ref);
    const calls = this.calls(pushable, columns);
    return { refId: ref.id, table: this.name, alias: ref.alias, source: this.kind, regions, calls, columns, pushdown: this.pushdown(ref, calls), notes };
  }

  checkReadable(plan: ReadPlan): void {
    this.checkReadableAs(this.def, plan);
  }

  /** The handler checks for `def`'s type, by the calls the plan makes. */
  protected checkReadableAs(def: ResourceDef, plan: ReadPlan): void {
    checkReadable(def, plan.calls.call === 'list');
  }

  /** Request parameters as this table's provider names them. */
  protected get requestNames(): RequestNames {
    return this.name.startsWith('awscc.') ? AWSCC_NAMES : AWS_NAMES;
  }

  methods(): MethodDef[] {
    return methodsOf(this.def, this.requestNames);
  }

  checkWritable(handler: 'create' | 'update' | 'delete'): void {
    checkWritable(this.def, handler);
  }

  rows(plan: ReadPlan, fetched: FetchedResource[]): LoadedRows {
    const columns = [...plan.columns.map((c) => c.name), 'region'];
    return {
      columns,
      rows: fetched.map((r) => [...plan.columns.map((c) => toSqlValue(c, r.properties[c.property!])), r.region]),
    };
  }
}

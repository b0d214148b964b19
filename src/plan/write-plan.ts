// How an UPDATE or DELETE finds what it touches, decided once before any call: the
// targets its WHERE names outright, or the reads that find them (and whether the WHERE
// pins them, so an unpinned one is read early and refused when it matches everything).
// exec carries it out; --dry-run and the MCP validator show it.
import { PlanError } from '../errors.js';
import type { Catalog } from '../providers/catalog.js';
import type { ResourceDef } from '../providers/catalog-types.js';
import type { DeleteStatement, UpdateStatement } from '../sql/write-statements.js';
import { columnForProperty } from './pushdown.js';
import type { ReadPlan } from './read-plan.js';
import { sourceFor } from './source-for.js';
import { DATA_IDENTIFIER, identifierNamesOf } from './sources/resource-source.js';

export type TargetPlan =
  /** The WHERE names identifiers (and one region) alone: no read before the write. */
  | { kind: 'named'; targets: { region: string; identifier: string }[] }
  /** The targets are read; `pinned` when the WHERE pins them to identifiers or a parent. */
  | { kind: 'read'; pinned: boolean; reads: ReadPlan[] };

export interface WritePlan {
  verb: 'UPDATE' | 'DELETE';
  /** provider.service.resource */
  table: string;
  typeName: string;
  targets: TargetPlan;
}

type Targeted = UpdateStatement | DeleteStatement;

/** The columns that pin a write to named resources, for messages and the pin check. */
export function pinColumns(def: ResourceDef): string[][] {
  const ids = def.primaryIdentifier.map((p) => columnForProperty(def, p));
  const sets = [[DATA_IDENTIFIER], ids];
  if (def.parent) sets.push([columnForProperty(def, def.parent.property)]);
  return sets;
}

export function isPinned(stmt: Targeted, def: ResourceDef): boolean {
  // Every spelling of the identifier (awscc's Identifier too) pins as data__Identifier does.
  const spellings = identifierNamesOf(def);
  const pinned = new Set(stmt.predicates.map((p) => (spellings.includes(p.column) ? DATA_IDENTIFIER : p.column)));
  return pinColumns(def).some((set) => set.every((c) => pinned.has(c)));
}

/** Refuses a WHERE that names nothing but region: it would touch every resource of the type. */
export function checkBounded(stmt: Targeted, table: string, verb: 'UPDATE' | 'DELETE'): void {
  if (stmt.whereColumns.every((c) => c === 'region')) {
    throw new PlanError(
      `${verb} on ${table} ${stmt.whereColumns.length ? 'names nothing but region' : 'has no WHERE clause'}: it would ${verb === 'UPDATE' ? 'change' : 'delete'} every resource of the type. ` +
        'Add a condition (WHERE data__Identifier = …), or pass --allow-unbounded if that is what you mean.',
    );
  }
}

/**
 * The plan of an UPDATE/DELETE's targets (checkBounded first, unless --allow-unbounded). `rowFree`: its new values do not depend on the
 * row (an UPDATE whose SET reads columns must read its targets).
 */
export function planTargets(stmt: Targeted, catalog: Catalog, opts: { rowFree: boolean }): WritePlan {
  const verb = stmt.kind === 'update' ? 'UPDATE' : 'DELETE';
  const t = stmt.table;
  const source = sourceFor(catalog, t.provider, t.service, t.resource);
  const table = source.name;
  const [ref] = stmt.targets.tables;
  const read = source.plan(ref, { corrected: (id, column, value) => stmt.targets.withPredicate(id, column, value) });
  const base = { verb, table, typeName: source.def.cfnType } as const;
  const named = opts.rowFree ? namedTargets(stmt, source.identifierNames, source.keyColumns, read) : undefined;
  if (named) return { ...base, targets: { kind: 'named', targets: named } };
  return { ...base, targets: { kind: 'read', pinned: isPinned(stmt, source.def), reads: [read] } };
}

/** Targets named exactly by the WHERE (identifier and region only), so no read is needed. */
function namedTargets(stmt: Targeted, identifierNames: string[], keyColumns: string[], read: ReadPlan): { region: string; identifier: string }[] | undefined {
  if (stmt.otherConjuncts || read.calls.call !== 'get') return undefined;
  const exact = new Set(['region', ...identifierNames, ...keyColumns]);
  if (!stmt.predicates.every((p) => exact.has(p.column))) return undefined;
  // `= NULL` matches nothing in SQL, and data__Identifier beside identifier columns may
  // contradict them: both need the read, which applies the whole WHERE.
  if (stmt.predicates.some((p) => p.values.some((v) => v === null))) return undefined;
  const named = new Set(stmt.predicates.map((p) => p.column));
  const byIdentifier = [...named].filter((c) => identifierNames.includes(c));
  if (byIdentifier.length > 1 || (byIdentifier.length === 1 && [...named].some((c) => c !== byIdentifier[0] && c !== 'region'))) return undefined;
  // Across several regions an identifier names at most one resource per region that has
  // it: read first, so regions without it are not written to (and do not fail the write).
  if (read.regions.length > 1) return undefined;
  const ids = read.calls.identifiers;
  return read.regions.flatMap((region) => ids.map((identifier) => ({ region, identifier })));
}

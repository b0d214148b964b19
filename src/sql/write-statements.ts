// INSERT, UPDATE and DELETE as skyql statements. Each carries the SELECT that finds its
// rows (the INSERT's source, or the UPDATE/DELETE's targets), so reads reuse the SELECT
// machinery and the library's nodes never leave src/sql/.
import { columnName, columnRef, conjuncts, isLiteral, literalValue, walk, type Node } from './library-ast.js';
import { SelectQuery, type Predicate } from './select-query.js';

export interface TableName {
  provider: string;
  service: string;
  resource: string;
}

/** RETURNING: every column, or these plain column names. */
export interface Returning {
  all: boolean;
  columns: string[];
  /** `RETURNING api_id AS id`: column → the name to show. */
  aliases: Record<string, string>;
}

export interface InsertStatement {
  kind: 'insert';
  table: TableName;
  columns: string[];
  /** Yields one row per resource to create, values in `columns` order. */
  rows: SelectQuery;
  returning?: Returning;
}

export interface SetClause {
  column: string;
  /** The value as SQL, for messages and dry runs. */
  text: string;
  /** References a column of the row being updated (`x = x + 1`). */
  usesColumns: boolean;
  /** The value, when it is a literal (request parameters such as ClientToken must be). */
  literal?: string | number | boolean | null;
}

export interface UpdateStatement {
  kind: 'update';
  table: TableName;
  sets: SetClause[];
  /** SELECT data__Identifier, region, <each SET value> FROM table WHERE …: the targets. */
  targets: SelectQuery;
  /** SELECT <each SET value>: the values alone, when they do not depend on the row. */
  values: SelectQuery;
  /** Lower-cased columns the WHERE names; empty when there is no WHERE. */
  whereColumns: string[];
  /** Pushable predicates of the WHERE, and whether it has any other conjunct. */
  predicates: Predicate[];
  otherConjuncts: boolean;
  /** Cloud Control request parameters the WHERE gives (`ClientToken = '…'`), lifted out of it. */
  request: RequestConjuncts;
  returning?: Returning;
}

export interface DeleteStatement {
  kind: 'delete';
  table: TableName;
  targets: SelectQuery;
  whereColumns: string[];
  predicates: Predicate[];
  otherConjuncts: boolean;
  request: RequestConjuncts;
  returning?: Returning;
}

/** ClientToken, RoleArn, TypeVersionId (as written, data__ or not) → the literal given. */
export type RequestConjuncts = Record<string, string | number | boolean | null>;

const REQUEST_NAMES = new Set(['clienttoken', 'rolearn', 'typeversionid']);

/**
 * `ClientToken = '…'` (or data__ClientToken, RoleArn, TypeVersionId) at the top of a WHERE
 * is a parameter of the call, not a filter: no table has such a column (columns are
 * snake_case: a resource's own ClientToken property is client_token). The rest of the
 * WHERE finds the targets.
 */
function liftRequest(where: Node): { where: Node; request: RequestConjuncts } {
  const request: RequestConjuncts = {};
  const kept = conjuncts(where).filter((c) => {
    if (c?.type !== 'binary_expr' || c.operator !== '=') return true;
    const [col, lit] = columnName(c.left) ? [c.left, c.right] : [c.right, c.left];
    const name = columnName(col);
    if (!name || col.table || !isLiteral(lit) || !REQUEST_NAMES.has(name.toLowerCase().replace(/^data__/, ''))) return true;
    request[name] = literalValue(lit);
    return false;
  });
  if (kept.length === conjuncts(where).length) return { where, request };
  const rebuilt = kept.reduce((a: Node, b: Node) => (a ? { type: 'binary_expr', operator: 'AND', left: a, right: b } : b), null);
  return { where: rebuilt, request };
}

export type WriteStatement = InsertStatement | UpdateStatement | DeleteStatement;

function emptySelect(): Node {
  return {
    with: null,
    type: 'select',
    options: null,
    distinct: { type: null },
    columns: [],
    into: { position: null },
    from: null,
    where: null,
    groupby: null,
    having: null,
    orderby: null,
    limit: { seperator: '', value: [] },
    window: null,
  };
}

function tableOf(from: Node): TableName | undefined {
  if (!from || typeof from.db !== 'string' || typeof from.schema !== 'string') return undefined;
  return { provider: from.db, service: from.schema, resource: from.table };
}

function returningOf(ast: Node): Returning | undefined {
  const cols: Node[] | undefined = ast.returning?.columns;
  if (!cols) return undefined;
  const names = cols.map((c) => columnName(c.expr) ?? '');
  const aliases = Object.fromEntries(cols.filter((c) => c.as).map((c) => [(columnName(c.expr) ?? '').toLowerCase(), String(c.as)]));
  return { all: names.includes('*'), columns: names.filter((n) => n && n !== '*'), aliases };
}

function whereColumns(where: Node): string[] {
  const out = new Set<string>();
  if (where) {
    walk(where, (n) => {
      const name = columnName(n);
      if (name) out.add(name.toLowerCase());
    });
  }
  return [...out];
}

function targetQuery(from: Node, where: Node, extra: Node[]): SelectQuery {
  const sel = emptySelect();
  sel.from = [{ db: from.db, schema: from.schema, table: from.table, as: from.as ?? null }];
  sel.where = where ?? null;
  sel.columns = [
    { type: 'expr', expr: columnRef(null, 'data__Identifier'), as: null },
    { type: 'expr', expr: columnRef(null, 'region'), as: null },
    ...extra.map((expr) => ({ type: 'expr', expr, as: null })),
  ];
  return new SelectQuery(sel);
}

function pushable(q: SelectQuery): { predicates: Predicate[]; otherConjuncts: boolean } {
  const ref = q.tables[0];
  return { predicates: ref.predicates, otherConjuncts: ref.otherConjuncts };
}

export type WriteFailure = { message: string };

export function insertStatement(ast: Node): InsertStatement | WriteFailure {
  const table = tableOf(ast.table?.[0]);
  if (!table) return { message: 'INSERT needs a provider table: INSERT INTO aws.service.resource (…) SELECT …' };
  if (ast.conflict) return { message: 'INSERT … ON CONFLICT is not supported: Cloud Control creates or fails (AlreadyExists).' };
  const columns: string[] = (ast.columns ?? []).map((c: Node) => (typeof c === 'string' ? c : c.value));
  if (columns.length === 0) return { message: `INSERT INTO ${table.provider}.${table.service}.${table.resource} needs a column list: (Col, …, region)` };
  // VALUES rows stay one VALUES list for the backend, however many there are (see isValuesList).
  const source: Node = ast.values;
  return { kind: 'insert', table, columns, rows: new SelectQuery(source), returning: returningOf(ast) };
}

export function updateStatement(ast: Node): UpdateStatement | WriteFailure {
  const from = ast.table?.[0];
  const table = tableOf(from);
  if (!table) return { message: 'UPDATE needs a provider table: UPDATE aws.service.resource SET … WHERE …' };
  if (ast.from?.length) return { message: 'UPDATE … FROM is not supported: use a subquery in SET or WHERE instead.' };
  const sets: SetClause[] = [];
  const values: Node[] = [];
  for (const s of ast.set ?? []) {
    let usesColumns = false;
    walk(s.value, (n) => {
      if (n.type === 'column_ref') usesColumns = true;
    });
    const column = typeof s.column === 'string' ? s.column : columnName(s) ?? '';
    const text = new SelectQuery({ ...emptySelect(), columns: [{ type: 'expr', expr: s.value, as: null }] }).text().replace(/^SELECT /, '');
    sets.push({ column, text, usesColumns, ...(isLiteral(s.value) ? { literal: literalValue(s.value) } : {}) });
    values.push(s.value);
  }
  const { where, request } = liftRequest(ast.where);
  const targets = targetQuery(from, where, values);
  const valuesOnly = new SelectQuery({ ...emptySelect(), columns: values.map((expr) => ({ type: 'expr', expr: structuredClone(expr), as: null })) });
  return { kind: 'update', table, sets, targets, values: valuesOnly, whereColumns: whereColumns(where), ...pushable(targets), request, returning: returningOf(ast) };
}

export function deleteStatement(ast: Node): DeleteStatement | WriteFailure {
  const from = ast.from?.[0] ?? ast.table?.[0];
  const table = tableOf(from);
  if (!table) return { message: 'DELETE needs a provider table: DELETE FROM aws.service.resource WHERE …' };
  const { where, request } = liftRequest(ast.where);
  const targets = targetQuery(from, where, []);
  return { kind: 'delete', table, targets, whereColumns: whereColumns(where), ...pushable(targets), request, returning: returningOf(ast) };
}


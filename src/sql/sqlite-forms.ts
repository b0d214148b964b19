// Postgres forms SQLite lacks, rewritten on the bound copy of a query just before it is
// printed for SQLite (the user's query, its Postgres text and its plan keep them):
// - `a [NOT] ILIKE p [ESCAPE e]` → [NOT] skyql_ilike(a, p[, e]): Postgres's ILIKE folds
//   every script's case and takes backslash as its default escape; SQLite's LIKE folds
//   ASCII only. Plain LIKE is left to SQLite, as it always was;
// - `SELECT DISTINCT ON (k…) … ORDER BY o…` → the first row of each k group in o's order,
//   as Postgres defines it, through ROW_NUMBER() OVER (PARTITION BY k ORDER BY o) in a
//   derived table;
// - a double-quoted word ("Name") that names no column of the query's tables and no alias
//   is the string it spells (see postgres-forms.ts), once the columns are known.
import { columnName, functionCall, sqlifySqlite, walk, type Node } from './library-ast.js';
import { FormError, asLiteral, definedNames, quotedName } from './postgres-forms.js';

/** The backend's function for ILIKE (registered with the SQLite backend's helpers). */
export const ILIKE_FUNCTION = 'skyql_ilike';

export function rewriteIlike(ast: Node): void {
  walk(ast, (n, parent, key) => {
    if (n.type !== 'binary_expr' || parent === null) return;
    const op = String(n.operator).toUpperCase();
    if (op !== 'ILIKE' && op !== 'NOT ILIKE') return;
    const { escape, ...pattern } = n.right ?? {};
    const args = [n.left, escape?.value ? pattern : n.right, ...(escape?.value ? [escape.value] : [])];
    const call = functionCall(ILIKE_FUNCTION, args);
    parent[key] = op === 'ILIKE' ? call : { type: 'unary_expr', operator: 'NOT', expr: call };
  });
}

/** Double-quoted words that name nothing become strings; `columns` are every bound table's. */
export function quotedWordsAsStrings(ast: Node, columns: Iterable<string>): void {
  const known = definedNames(ast);
  for (const c of columns) known.add(c.toLowerCase());
  walk(ast, (n, parent, key) => {
    const quoted = quotedName(n);
    if (quoted !== undefined && parent !== null && !known.has(quoted.toLowerCase())) asLiteral(parent, key, quoted);
  });
}

// SQLite's JSON table functions have fixed columns (sqlite.org/json1.html, "The json_each()
// and json_tree() table-valued functions").
const JSON_TABLE_FUNCTIONS = new Set(['json_each', 'json_tree']);
export const JSON_TABLE_COLUMNS = ['key', 'value', 'type', 'atom', 'id', 'parent', 'fullkey', 'path', 'json', 'root'];

/** FROM items whose columns the binding cannot tell (table functions other than json_each/json_tree). */
export function hasOpaqueSource(ast: Node, isBound: (from: Node) => boolean): boolean {
  let opaque = false;
  walk(ast, (n) => {
    if (n.type !== 'select' || !Array.isArray(n.from)) return;
    for (const f of n.from) if (!f.expr?.ast && !isJsonTable(f) && !isBound(f) && !isCte(ast, f)) opaque = true;
  });
  return opaque;
}

function isJsonTable(f: Node): boolean {
  return f.expr?.type === 'function' && JSON_TABLE_FUNCTIONS.has(String(f.expr.name?.name?.[0]?.value ?? '').toLowerCase());
}

function isCte(ast: Node, f: Node): boolean {
  const name = String(f.table ?? '').toLowerCase();
  let found = false;
  walk(ast, (n) => {
    if (Array.isArray(n.with)) for (const w of n.with) if (String(w.name?.value ?? w.name ?? '').toLowerCase() === name) found = true;
  });
  return found;
}

const ROW = '__skyql_rn';

export function rewriteDistinctOn(ast: Node): void {
  const targets: Node[] = [];
  walk(ast, (n) => {
    if (n.type === 'select' && n.distinct?.type === 'DISTINCT ON') targets.push(n);
  });
  // Innermost first: a rewritten outer query must not hide an inner one from the walk.
  for (const sel of targets.reverse()) distinctOnToWindow(sel);
}

function itemName(item: Node): string {
  if (typeof item.as === 'string') return item.as;
  const col = columnName(item.expr);
  if (col) return col;
  // SQLite names an unaliased expression by its text: the text the printer gives it.
  return sqlifySqlite({ type: 'select', columns: [{ type: 'expr', expr: item.expr, as: null }], from: null, distinct: { type: null }, limit: { seperator: '', value: [] } }).replace(/^SELECT /, '');
}

/** Postgres reads ORDER BY and DISTINCT ON names as output columns first, numbers as positions. */
function resolve(expr: Node, items: Node[]): Node {
  if (expr?.type === 'number' && Number.isInteger(expr.value)) {
    const item = items[expr.value - 1];
    if (!item) throw new FormError(`DISTINCT ON / ORDER BY position ${expr.value} is not in the select list (it has ${items.length} columns)`);
    return structuredClone(item.expr);
  }
  const name = expr?.type === 'column_ref' && !expr.table ? columnName(expr)?.toLowerCase() : undefined;
  const item = name ? items.find((i) => typeof i.as === 'string' && i.as.toLowerCase() === name) : undefined;
  return structuredClone(item ? item.expr : expr);
}

function distinctOnToWindow(sel: Node): void {
  const items: Node[] = sel.columns;
  if (sel._next || sel.set_op) throw new FormError('DISTINCT ON in a UNION is not supported: put that SELECT in a subquery, SELECT * FROM (SELECT DISTINCT ON …) t');
  if (items.some((i) => i.expr?.type === 'column_ref' && columnName(i.expr) === '*')) {
    throw new FormError('SELECT DISTINCT ON (…) * cannot be rewritten for SQLite: list the columns you want');
  }
  const keys: Node[] = (sel.distinct.columns ?? []).map((c: Node) => resolve(c.expr ?? c, items));
  const order: Node[] = (sel.orderby ?? []).map((o: Node) => ({ ...o, expr: resolve(o.expr, items) }));
  const inner: Node = {
    ...sel,
    with: null,
    distinct: { type: null },
    columns: [
      ...items.map((item, i) => ({ type: 'expr', expr: item.expr, as: `__skyql_c${i + 1}` })),
      ...order.map((o, i) => ({ type: 'expr', expr: o.expr, as: `__skyql_o${i + 1}` })),
      {
        type: 'expr',
        expr: {
          type: 'window_func',
          name: 'row_number',
          over: {
            type: 'window',
            as_window_specification: {
              window_specification: {
                name: null,
                partitionby: keys.map((expr) => ({ type: 'expr', expr })),
                // Which row is first follows Postgres, whose NULLs sort last ascending and
                // first descending (SQLite's the other way round) unless the query says.
                orderby: order.length ? order.map((o) => ({ ...o, expr: structuredClone(o.expr), nulls: o.nulls ?? (/DESC/i.test(String(o.type)) ? 'NULLS FIRST' : 'NULLS LAST') })) : null,
                window_frame_clause: null,
              },
              parentheses: true,
            },
          },
        },
        as: ROW,
      },
    ],
    orderby: null,
    limit: { seperator: '', value: [] },
  };
  const ref = (name: string): Node => ({ type: 'column_ref', table: null, column: { expr: { type: 'default', value: name } } });
  const outer: Node = {
    with: sel.with ?? null,
    type: 'select',
    options: null,
    distinct: { type: null },
    columns: items.map((item, i) => ({ type: 'expr', expr: ref(`__skyql_c${i + 1}`), as: itemName(item) })),
    into: { position: null },
    from: [{ expr: { ast: inner, parentheses: true }, as: '__skyql_distinct_on' }],
    where: { type: 'binary_expr', operator: '=', left: ref(ROW), right: { type: 'number', value: 1 } },
    groupby: null,
    having: null,
    orderby: order.length ? order.map((o, i) => ({ ...o, expr: ref(`__skyql_o${i + 1}`) })) : null,
    limit: sel.limit,
    window: null,
  };
  for (const k of Object.keys(sel)) delete sel[k];
  Object.assign(sel, outer);
}

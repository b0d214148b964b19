// A parsed SELECT as the planner sees it: its provider table references, the predicates
// that may be pushed down to each, the columns each must supply, and a way to print the
// residual query for the backend once every reference is bound to a backend table.
import {
  columnName,
  columnRef,
  conjuncts,
  functionCall,
  isLiteral,
  literalValue,
  selectNodes,
  sqlifyPostgres,
  sqlifySqlite,
  walk,
  walkScope,
  type Node,
} from './library-ast.js';
import { quotedName } from './postgres-forms.js';
import { JSON_TABLE_COLUMNS, hasOpaqueSource, quotedWordsAsStrings, rewriteDistinctOn, rewriteIlike } from './sqlite-forms.js';

export type Literal = string | number | boolean | null;

/** A conjunct the planner may push down: `col = v` or `col IN (v, …)`. */
export interface Predicate {
  column: string;
  op: '=' | 'IN';
  values: Literal[];
}

export interface TableRef {
  id: number;
  provider: string;
  service: string;
  resource: string;
  /** The name the query uses for it: its alias, or the bare resource name. */
  alias: string;
  predicates: Predicate[];
  /** The WHERE has conjuncts on this table's scope that are not pushable predicates. */
  otherConjuncts: boolean;
  /** `*` or `alias.*` asked for every column. */
  allColumns: boolean;
  /** Lower-cased column names the query mentions that may belong to this table. */
  columns: Set<string>;
}

/** How one reference is bound in the backend. */
export interface TableBinding {
  table: string;
  /** Primary-identifier columns, in schema order: `data__Identifier` is their `|` join. */
  identifierColumns: string[];
  /** Lower-cased names the query may give that join (data__identifier, identifier, …). */
  identifierNames: string[];
  /**
   * The bound table's column names. When every binding has them, a double-quoted word
   * that names none of them (and no alias) is printed as the string it spells.
   */
  columns?: readonly string[];
}

export const IDENTIFIER_FUNCTION = 'skyql_identifier';

function isProviderFrom(f: Node): boolean {
  return f && typeof f.table === 'string' && typeof f.db === 'string' && typeof f.schema === 'string' && f.db !== '';
}

/** A column's table qualifier, lower-cased (unquoted SQL names are case-insensitive). */
function qualifierOf(col: Node): string | null {
  const t = col?.table;
  if (t === null || t === undefined || t === '') return null;
  return String(typeof t === 'object' ? t.value : t).toLowerCase();
}

function predicateOf(n: Node): { qualifier: string | null; pred: Predicate } | undefined {
  if (n?.type !== 'binary_expr') return undefined;
  const op = String(n.operator).toUpperCase();
  if (op === '=') {
    const [col, lit] = columnName(n.left) && isLiteral(n.right) ? [n.left, n.right] : [n.right, n.left];
    const name = columnName(col);
    if (!name || !isLiteral(lit)) return undefined;
    return { qualifier: qualifierOf(col), pred: { column: name.toLowerCase(), op: '=', values: [literalValue(lit)] } };
  }
  if (op === 'IN') {
    const name = columnName(n.left);
    const list = n.right?.type === 'expr_list' ? n.right.value : undefined;
    if (!name || !Array.isArray(list) || !list.every(isLiteral)) return undefined;
    return { qualifier: qualifierOf(n.left), pred: { column: name.toLowerCase(), op: 'IN', values: list.map(literalValue) } };
  }
  return undefined;
}

function isNullOrBool(n: Node): boolean {
  return ['null', 'bool', 'boolean'].includes(n?.type) || (n?.type === 'default' && /^(DISTINCT FROM|UNKNOWN|TRUE|FALSE|NULL)\b/i.test(String(n.value)));
}

/** `a IS [NOT] b` for a value b back to Postgres's `a IS [NOT] DISTINCT FROM b` (IS NOT DISTINCT FROM = IS). */
function distinctFromForPostgres(ast: Node): Node {
  const copy = structuredClone(ast);
  walk(copy, (n) => {
    if (n.type !== 'binary_expr' || !/^IS( NOT)?$/i.test(String(n.operator)) || isNullOrBool(n.right)) return;
    const not = /NOT/i.test(String(n.operator));
    const rhs = sqlifyPostgres({ type: 'select', columns: [{ type: 'expr', expr: n.right, as: null }], from: null, distinct: { type: null }, limit: { seperator: '', value: [] } }).replace(/^SELECT /, '');
    n.operator = not ? 'IS' : 'IS NOT';
    n.right = { type: 'default', value: `DISTINCT FROM ${rhs}` };
  });
  return copy;
}

export class SelectQuery {
  readonly tables: TableRef[] = [];
  /**
   * Set when this SELECT only finds the rows of an UPDATE or DELETE: a fix is then shown
   * on the user's statement, not on this internal query.
   */
  fixedBy?: (column: string, value: string) => string;
  private readonly fromNodes = new Map<number, Node>();
  private readonly scopeOf = new Map<number, Node>();
  /** Some `x::type`, ILIKE, DISTINCT ON or "quoted" name needs rewriting for SQLite. */
  private needsSqliteForms = false;
  /** `a IS b` read from `a IS NOT DISTINCT FROM b` (library-ast.ts): Postgres needs it back. */
  private hasDistinctFrom = false;

  constructor(private readonly ast: Node) {
    let nextId = 1;
    for (const sel of selectNodes(ast)) {
      const from: Node[] = Array.isArray(sel.from) ? sel.from : [];
      const refs: TableRef[] = [];
      for (const f of from) {
        if (!isProviderFrom(f)) continue;
        const ref: TableRef = {
          id: nextId++,
          provider: f.db,
          service: f.schema,
          resource: f.table,
          // Unquoted names are case-insensitive: one spelling for aliases from here on.
          alias: String(f.as ?? f.table).toLowerCase(),
          predicates: [],
          otherConjuncts: false,
          allColumns: false,
          columns: new Set(),
        };
        refs.push(ref);
        this.fromNodes.set(ref.id, f);
        this.scopeOf.set(ref.id, sel);
      }
      if (refs.length === 0) continue;
      const aliases = new Set(from.map((f) => String(f.as ?? f.table ?? '').toLowerCase()));
      const push = (c: Node, targets: TableRef[]) => {
        const p = predicateOf(c);
        // A conjunct the planner cannot use, or one naming a table it cannot see, stays
        // for SQLite alone, and tells writes that the WHERE says more than identifiers.
        if (!p || (p.qualifier !== null && !aliases.has(p.qualifier))) {
          for (const r of targets) r.otherConjuncts = true;
          return;
        }
        for (const r of targets) if (p.qualifier === null || p.qualifier === r.alias) r.predicates.push(p.pred);
      };
      for (const c of conjuncts(sel.where)) push(c, refs);
      for (const f of from) {
        if (!f.on) continue;
        const join = String(f.join ?? '').toUpperCase();
        if (!/LEFT|RIGHT|FULL/.test(join)) {
          for (const c of conjuncts(f.on)) push(c, refs);
        } else if (join.startsWith('LEFT') && isProviderFrom(f)) {
          // An outer join's ON may narrow its nullable side: push what names that table.
          const right = refs.find((r) => this.fromNodes.get(r.id) === f)!;
          for (const c of conjuncts(f.on)) {
            const p = predicateOf(c);
            if (p && p.qualifier === right.alias) right.predicates.push(p.pred);
          }
        }
      }
      // JOIN … USING (col): the column comes from both sides.
      for (const f of from) {
        for (const u of Array.isArray(f.using) ? f.using : []) {
          const name = String(typeof u === 'object' ? u.value : u).toLowerCase();
          for (const r of refs) r.columns.add(name);
        }
      }
      this.tables.push(...refs);
    }
    this.collectColumns();
  }

  private collectColumns(): void {
    walk(this.ast, (n) => {
      if (
        (n.type === 'cast' && n.symbol === '::') ||
        (n.type === 'binary_expr' && /ILIKE$/i.test(String(n.operator))) ||
        (n.type === 'select' && n.distinct?.type === 'DISTINCT ON') ||
        quotedName(n) !== undefined
      ) {
        this.needsSqliteForms = true;
      }
      if (n.type === 'binary_expr' && /^IS( NOT)?$/i.test(String(n.operator)) && !isNullOrBool(n.right)) this.hasDistinctFrom = true;
      if (n.type !== 'column_ref') return;
      const name = columnName(n);
      if (!name) return;
      const qualifier = qualifierOf(n);
      for (const r of this.tables) {
        if (qualifier && qualifier !== r.alias) continue;
        if (name === '*') r.allColumns = true;
        else r.columns.add(name.toLowerCase());
      }
    });
  }

  /** The query as SQL text (Postgres dialect), provider names unquoted. */
  text(): string {
    // Unquote plain identifiers the printer quoted, never inside string literals.
    return sqlifyPostgres(this.hasDistinctFrom ? distinctFromForPostgres(this.ast) : this.ast)
      .split(/('(?:[^']|'')*')/)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(/"([a-z_][a-z0-9_]*)"/g, '$1')))
      .join('');
  }

  /** The residual query for SQLite, each provider reference replaced by its bound table. */
  toSqlite(bindings: Map<number, TableBinding>): string {
    // The same statement is checked, then run, and (parsed once) run again and again.
    const key = JSON.stringify([...bindings]);
    let text = this.sqliteTexts.get(key);
    if (text === undefined) {
      text = sqlifySqlite(this.bound(bindings));
      this.sqliteTexts.set(key, text);
    }
    return text;
  }

  private readonly sqliteTexts = new Map<string, string>();

  /** The query as the user would write it, with one more predicate: for "did you mean" fixes. */
  withPredicate(refId: number, column: string, value: string): string {
    if (this.fixedBy) return this.fixedBy(column, value);
    const ast = structuredClone(this.ast);
    const scope = selectNodes(ast)[selectNodes(this.ast).indexOf(this.scopeOf.get(refId))];
    const origFrom = this.fromNodes.get(refId);
    const f = scope.from[(this.scopeOf.get(refId).from as Node[]).indexOf(origFrom)];
    const ref = this.tables.find((t) => t.id === refId)!;
    const single = this.tables.filter((t) => this.scopeOf.get(t.id) === this.scopeOf.get(refId)).length === 1;
    const added = {
      type: 'binary_expr',
      operator: '=',
      left: columnRef(single ? null : ref.alias, column),
      right: { type: 'single_quote_string', value: value.replace(/'/g, "''") },
    };
    // `x OR y` must stay one operand: (x OR y) AND region = …
    const and = (a: Node) => {
      if (!a) return added;
      const left = a.type === 'binary_expr' && String(a.operator).toUpperCase() === 'OR' ? { ...a, parentheses: true } : a;
      return { type: 'binary_expr', operator: 'AND', left, right: added };
    };
    // On the nullable side of a LEFT JOIN the condition belongs in ON: in WHERE it would
    // turn the outer join into an inner one.
    if (/^LEFT/i.test(String(f.join ?? ''))) f.on = and(f.on);
    else scope.where = and(scope.where);
    return new SelectQuery(ast).text();
  }

  private bound(bindings: Map<number, TableBinding>): Node {
    // Nothing to bind or rewrite (an INSERT's VALUES): print it as it is, not a copy of every row.
    if (this.tables.length === 0 && !this.needsSqliteForms) return this.ast;
    // Bind on a copy: the same query may be planned more than once (retries, EXPLAIN).
    const original = this.ast;
    const ast = structuredClone(original);
    const origSelects = selectNodes(original);
    const copySelects = selectNodes(ast);
    const scopeIndex = (sel: Node) => origSelects.indexOf(sel);
    for (const ref of this.tables) {
      const b = bindings.get(ref.id);
      if (!b) throw new Error(`no binding for ${ref.provider}.${ref.service}.${ref.resource}`);
      const sel = copySelects[scopeIndex(this.scopeOf.get(ref.id))];
      const origFrom = this.fromNodes.get(ref.id);
      const idx = (this.scopeOf.get(ref.id).from as Node[]).indexOf(origFrom);
      const f = sel.from[idx];
      f.db = null;
      delete f.schema;
      f.table = b.table;
      f.as = ref.alias;
      this.rewriteIdentifier(sel, ref, b);
    }
    if (!this.needsSqliteForms) return ast;
    walk(ast, (n) => {
      // SQLite has no `x::type`: print it as CAST(x AS type).
      if (n.type === 'cast' && n.symbol === '::') {
        n.keyword = 'cast';
        n.symbol = 'as';
      }
    });
    rewriteIlike(ast);
    const bound = [...bindings.values()];
    const tableNames = new Set(bound.map((b) => b.table.toLowerCase()));
    if (bound.every((b) => b.columns) && !hasOpaqueSource(ast, (f) => typeof f.table === 'string' && tableNames.has(f.table.toLowerCase()))) {
      quotedWordsAsStrings(ast, [...JSON_TABLE_COLUMNS, ...bound.flatMap((b) => [...b.identifierNames, ...(b.columns ?? [])])]);
    }
    // Last: it moves the select list and ORDER BY into a derived table.
    rewriteDistinctOn(ast);
    return ast;
  }

  /** `data__Identifier` (or `Identifier`) is not stored: it is the `|` join of the identifier columns. */
  private rewriteIdentifier(sel: Node, ref: TableRef, b: TableBinding): void {
    const single = this.tables.filter((t) => this.scopeOf.get(t.id) === this.scopeOf.get(ref.id)).length === 1;
    const visit = (n: Node, parent: Node, key: string | number) => {
      if (n.type !== 'column_ref' || !b.identifierNames.includes(columnName(n)?.toLowerCase() ?? '')) return;
      const qualifier = qualifierOf(n);
      if (qualifier ? qualifier !== ref.alias : !single) return;
      parent[key] = functionCall(
        IDENTIFIER_FUNCTION,
        b.identifierColumns.map((c) => columnRef(ref.alias, c)),
      );
      // A select item keeps the name the user wrote, not the function call's text.
      if (key === 'expr' && parent.type === 'expr' && !parent.as) parent.as = columnName(n);
    };
    // Nested SELECTs are scopes of their own: their data__Identifier is theirs.
    for (const key of ['columns', 'where', 'groupby', 'having', 'orderby']) {
      if (sel[key]) walkScope(sel[key], visit, sel, key);
    }
    for (const f of sel.from ?? []) if (f.on) walkScope(f.on, visit, f, 'on');
  }
}

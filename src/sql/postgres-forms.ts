// Forms Postgres and StackQL users write that the rest of the engine need not know,
// rewritten once on the parsed statement, before planning (so `region = ANY(…)` fans out
// over regions as `region IN (…)` does):
// - `x = ANY(ARRAY[…])`, `x = ANY('{a,b}')`, `x = ANY(SELECT …)` → `x IN (…)`;
//   `x <> ALL(…)` → `x NOT IN (…)`; other operators → an OR (ANY) or AND (ALL) of
//   comparisons, which is what Postgres defines them as;
// - a double-quoted string that cannot name anything in the statement is the string it
//   spells: StackQL's grammar (MySQL's) reads "us-east-1" as a string, Postgres's as a
//   column, and "us-east-1" cannot be one (catalog columns are snake_case words, and it is
//   no alias of the statement). Word-shaped names ("Name") are decided once the tables'
//   columns are known (sqlite-forms.ts).
import { walk, type Node } from './library-ast.js';

export class FormError extends Error {}

/** Every name the statement defines for a column: select-item aliases, CTE column lists. */
export function definedNames(ast: Node): Set<string> {
  const names = new Set<string>();
  walk(ast, (n) => {
    if (n.type === 'expr' && typeof n.as === 'string') names.add(n.as.toLowerCase());
    if (n.type === 'select' && Array.isArray(n.columns)) {
      for (const c of n.columns) if (c && typeof c.as === 'string') names.add(c.as.toLowerCase());
    }
    if (Array.isArray(n.columns) && n.stmt) {
      for (const c of n.columns) {
        const name = typeof c === 'string' ? c : c?.value ?? c?.expr?.value;
        if (typeof name === 'string') names.add(name.toLowerCase());
      }
    }
  });
  return names;
}

/** The double-quoted name of an unqualified column reference (not one written in backquotes), if that is what `n` is. */
export function quotedName(n: Node): string | undefined {
  if (n?.type !== 'column_ref' || (n.table !== null && n.table !== undefined && n.table !== '')) return undefined;
  const e = n.column?.expr;
  return e?.type === 'double_quote_string' && typeof e.value === 'string' && !e.backquoted ? e.value : undefined;
}

export function stringLiteral(text: string): Node {
  return { type: 'single_quote_string', value: text.replace(/'/g, "''") };
}

const WORD = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** `text` is the statement as written: without a quote or a quantifier there is nothing to do. */
export function normalizeStatement(ast: Node, text?: string): void {
  // Two walks over every node cost a 100,000-row VALUES list a quarter of a second.
  if (text !== undefined && !/["`]|\b(?:ANY|ALL|SOME)\s*\(/i.test(text)) return;
  const defined = definedNames(ast);
  const asString = (holder: Node, k: string | number) => {
    const v = holder[k];
    // The grammar itself reads some "…" as strings (LIKE "a%"); SQLite would read a name.
    if (v?.type === 'double_quote_string') holder[k] = stringLiteral(String(v.value));
  };
  walk(ast, (n, parent, key) => {
    if (n.type === 'binary_expr') {
      asString(n, 'left');
      asString(n, 'right');
      rewriteQuantified(n, parent, key);
      return;
    }
    if (n.type === 'expr_list' && Array.isArray(n.value)) {
      for (let i = 0; i < n.value.length; i++) asString(n.value, i);
      return;
    }
    const quoted = quotedName(n);
    if (quoted !== undefined && parent !== null && !WORD.test(quoted) && !defined.has(quoted.toLowerCase())) asLiteral(parent, key, quoted);
  });
}

/** Replaces a "quoted" name by the string; a select item keeps the text as its column name, as MySQL shows it. */
export function asLiteral(parent: Node, key: string | number, quoted: string): void {
  parent[key] = stringLiteral(quoted);
  if (key === 'expr' && parent.type === 'expr' && !parent.as) parent.as = quoted;
}

function quantifier(n: Node): { kind: 'ANY' | 'ALL'; arg: Node } | undefined {
  if (n?.type !== 'function') return undefined;
  const name = String(n.name?.name?.[0]?.value ?? '').toUpperCase();
  const args = n.args?.value;
  if (!['ANY', 'SOME', 'ALL'].includes(name) || !Array.isArray(args) || args.length !== 1) return undefined;
  return { kind: name === 'ALL' ? 'ALL' : 'ANY', arg: args[0] };
}

function rewriteQuantified(n: Node, parent: Node, key: string | number): void {
  const q = quantifier(n.right);
  if (!q) return;
  const op = String(n.operator).toUpperCase();
  const form = `${op} ${q.kind}(…)`;
  const membership = (op === '=' && q.kind === 'ANY') || (['<>', '!='].includes(op) && q.kind === 'ALL');
  const negated = q.kind === 'ALL';
  if (q.arg?.ast || q.arg?.type === 'select') {
    if (!membership) throw new FormError(`${form} with a subquery is not supported: use = ANY(SELECT …) or <> ALL(SELECT …), or EXISTS`);
    const sub = q.arg.ast ? q.arg : { ast: q.arg, parentheses: true };
    parent[key] = { type: 'binary_expr', operator: negated ? 'NOT IN' : 'IN', left: n.left, right: { ...sub, parentheses: true } };
    return;
  }
  const items = arrayItems(q.arg, form);
  if (membership && items.length > 0) {
    parent[key] = { type: 'binary_expr', operator: negated ? 'NOT IN' : 'IN', left: n.left, right: { type: 'expr_list', value: items } };
    return;
  }
  // An empty ANY is false and an empty ALL true (Postgres); otherwise the comparisons.
  if (items.length === 0) {
    parent[key] = { type: 'bool', value: q.kind === 'ALL' };
    return;
  }
  const joined = items
    .map((item) => ({ type: 'binary_expr', operator: n.operator, left: structuredClone(n.left), right: item }))
    .reduce((a: Node, b: Node) => ({ type: 'binary_expr', operator: q.kind === 'ANY' ? 'OR' : 'AND', left: a, right: b }));
  parent[key] = { ...joined, parentheses: true };
}

function arrayItems(arg: Node, form: string): Node[] {
  if (arg?.type === 'array' && Array.isArray(arg.expr_list?.value)) return arg.expr_list.value;
  if (arg?.type === 'array' && arg.expr_list?.type === 'expr_list') return [];
  if (arg?.type === 'single_quote_string' || arg?.type === 'string') {
    return parseArrayLiteral(String(arg.value).replace(/''/g, "'"), form).map((v) => (v === null ? { type: 'null', value: null } : stringLiteral(v)));
  }
  throw new FormError(
    `${form} takes ARRAY[…], an array literal such as '{a,b}', or a subquery; for a JSON array column write EXISTS (SELECT 1 FROM json_each(col) WHERE value = x)`,
  );
}

/**
 * Postgres's array text: `{a,b,"c,d",NULL}`; elements may be double-quoted (with \ escapes),
 * unquoted ones are trimmed and NULL (any case) is the null value. One dimension only.
 */
export function parseArrayLiteral(text: string, form = 'ANY(…)'): (string | null)[] {
  const bad = (why: string) => new FormError(`${form}: malformed array literal '${text}': ${why} (write '{a,b,c}')`);
  const s = text.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) throw bad('it must start with { and end with }');
  const body = s.slice(1, -1);
  const out: (string | null)[] = [];
  if (body.trim() === '') return out;
  let i = 0;
  for (;;) {
    while (i < body.length && /\s/.test(body[i])) i++;
    let value: string | null;
    if (body[i] === '"') {
      let v = '';
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        v += body[i++] ?? '';
      }
      if (i >= body.length) throw bad('an unclosed "');
      i++;
      value = v;
    } else {
      const start = i;
      while (i < body.length && body[i] !== ',') {
        if ('{}"'.includes(body[i])) throw bad(body[i] === '{' ? 'nested arrays are not supported' : `an unexpected ${body[i]}`);
        i++;
      }
      const raw = body.slice(start, i).trim();
      if (raw === '') throw bad('an empty element');
      value = raw.toUpperCase() === 'NULL' ? null : raw;
    }
    while (i < body.length && /\s/.test(body[i])) i++;
    out.push(value);
    if (i >= body.length) return out;
    if (body[i] !== ',') throw bad(`an unexpected ${body[i]}`);
    i++;
  }
}

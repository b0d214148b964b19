// The one place that knows node-sql-parser's AST shapes. Everything it exports speaks in
// skyql's own terms; the library's nodes stay inside src/sql/.
import { createRequire } from 'node:module';
import type * as NodeSqlParser from 'node-sql-parser';
import type { Parser } from 'node-sql-parser';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;

// Loaded on first use: SHOW and DESCRIBE never need it, and it is a third of start-up.
let cached: Parser | undefined;
function parser(): Parser {
  if (!cached) {
    const lib = createRequire(import.meta.url)('node-sql-parser') as typeof NodeSqlParser;
    cached = new lib.Parser();
  }
  return cached;
}

export interface LibraryParseFailure {
  line: number;
  column: number;
  found: string;
  expected: string[];
}

/**
 * In standard SQL a backslash in '…' is just a backslash ('C:\temp'), but the grammar
 * reads C-style escapes (\t, \n) there. Doubling every backslash inside single-quoted
 * strings first keeps them, and undoing the doubling in the AST leaves the text as written.
 */
function doubleBackslashesInStrings(text: string): string {
  return text.replace(/'(?:[^']|'')*'/g, (lit) => lit.replace(/\\/g, '\\\\'));
}

export function astify(text: string): Node[] | LibraryParseFailure {
  try {
    const ast = parser().astify(doubleBackslashesInStrings(text), { database: 'postgresql' });
    walk(ast, (n) => {
      if (n.type === 'single_quote_string' && typeof n.value === 'string') n.value = n.value.replace(/\\\\/g, '\\');
    });
    return Array.isArray(ast) ? ast : [ast];
  } catch (e) {
    const err = e as { location?: { start: { line: number; column: number } }; expected?: unknown; found?: unknown; message?: string };
    if (!err.location) throw e;
    const expected = Array.isArray(err.expected)
      ? (err.expected as { type: string; text?: string; description?: string }[])
          .map((x) => (x.type === 'literal' ? x.text : x.description) ?? '')
          .filter((s) => s && !/^\[|^[\s\\]/.test(s))
      : [];
    return {
      line: err.location.start.line,
      column: err.location.start.column,
      found: typeof err.found === 'string' ? err.found : '',
      expected: [...new Set(expected)],
    };
  }
}

export function sqlifySqlite(ast: Node): string {
  return parser().sqlify(ast, { database: 'sqlite' });
}

export function sqlifyPostgres(ast: Node): string {
  return parser().sqlify(ast, { database: 'postgresql' });
}

export function isLiteral(n: Node): boolean {
  return ['single_quote_string', 'string', 'number', 'bool', 'boolean', 'null', 'double_quote_string'].includes(n?.type) && !n?.ast;
}

export function literalValue(n: Node): string | number | boolean | null {
  if (n.type === 'null') return null;
  if (n.type === 'bool' || n.type === 'boolean') return Boolean(n.value);
  return n.value;
}

export function columnName(n: Node): string | undefined {
  if (n?.type !== 'column_ref') return undefined;
  const c = n.column;
  if (typeof c === 'string') return c;
  return c?.expr?.value;
}

/** Calls `visit` on every object node below `root`, depth first. */
export function walk(root: Node, visit: (n: Node, parent: Node, key: string | number) => void): void {
  const stack: [Node, Node, string | number][] = [[root, null, '']];
  while (stack.length) {
    const [n, parent, key] = stack.pop()!;
    if (n === null || typeof n !== 'object') continue;
    if (!Array.isArray(n)) visit(n, parent, key);
    for (const [k, v] of Object.entries(n)) {
      if (v !== null && typeof v === 'object') stack.push([v, n, Array.isArray(n) ? Number(k) : k]);
    }
  }
}

/**
 * Like `walk`, but does not enter nested SELECTs (subqueries, derived tables): the
 * nodes of one scope only. `parent`/`key` locate `root` itself for replacement.
 */
export function walkScope(root: Node, visit: (n: Node, parent: Node, key: string | number) => void, parent: Node = null, key: string | number = ''): void {
  if (root === null || typeof root !== 'object') return;
  if (!Array.isArray(root)) {
    if (root.type === 'select' || root.ast) return;
    visit(root, parent, key);
  }
  for (const [k, v] of Object.entries(root)) {
    if (v !== null && typeof v === 'object') walkScope(v, visit, root, Array.isArray(root) ? Number(k) : k);
  }
}

/** Every SELECT node in the tree (subqueries, CTE bodies, UNION arms). */
export function selectNodes(root: Node): Node[] {
  const out: Node[] = [];
  walk(root, (n) => {
    if (n.type === 'select') out.push(n);
  });
  return out;
}

/** `a AND b AND c` → [a, b, c]. */
export function conjuncts(n: Node): Node[] {
  if (!n) return [];
  if (n.type === 'binary_expr' && String(n.operator).toUpperCase() === 'AND') {
    return [...conjuncts(n.left), ...conjuncts(n.right)];
  }
  return [n];
}

export function functionCall(name: string, args: Node[]): Node {
  return { type: 'function', name: { name: [{ type: 'default', value: name }] }, args: { type: 'expr_list', value: args } };
}

export function columnRef(table: string | null, column: string): Node {
  return { type: 'column_ref', table, column: { expr: { type: 'default', value: column } } };
}

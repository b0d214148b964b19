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
  /** Set when the library rejected the statement for a reason other than syntax. */
  message?: string;
}

/**
 * Rewrites what the grammar reads differently from SQLite and StackQL, keeping offsets:
 * - a backslash in '…' is just a backslash in standard SQL ('C:\\temp'), but the grammar
 *   reads C-style escapes there: backslashes are doubled, and undone in the AST after;
 * - `AS 'alias'` and `` `alias` `` (SQLite and StackQL accept both, stackql-deploy's
 *   examples use the first) become "alias".
 * Offsets shift only by the doubled backslashes.
 */
export function normalizeForGrammar(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === ch && text[j + 1] === ch) j += 2;
        else if (text[j] === ch) break;
        else j++;
      }
      const body = text.slice(i + 1, j);
      if (ch === '`') out += `"${body.replace(/"/g, '""')}"`;
      else if (ch === "'" && /\bAS\s+$/i.test(out)) out += `"${body.replace(/''/g, "'").replace(/"/g, '""')}"`;
      else if (ch === "'") out += `'${body.replace(/\\/g, '\\\\')}'`;
      else out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

export function astify(text: string): Node[] | LibraryParseFailure {
  try {
    const ast = parser().astify(normalizeForGrammar(text), { database: 'postgresql' });
    walk(ast, (n) => {
      if (n.type === 'single_quote_string' && typeof n.value === 'string') n.value = n.value.replace(/\\\\/g, '\\');
    });
    return Array.isArray(ast) ? ast : [ast];
  } catch (e) {
    const err = e as { location?: { start: { line: number; column: number } }; expected?: unknown; found?: unknown; message?: string };
    // The library also checks some statements itself (VALUES arity) and says so plainly.
    if (!err.location) return { line: 1, column: 1, found: '', expected: [], message: err.message ?? String(e) };
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

/**
 * A literal's value. The library keeps a string literal's text as written, so `'a''b'`
 * arrives as `a''b`: standard SQL says it means `a'b`, and that is what a pushed-down
 * identifier must send to Cloud Control.
 */
export function literalValue(n: Node): string | number | boolean | null {
  if (n.type === 'null') return null;
  if (n.type === 'bool' || n.type === 'boolean') return Boolean(n.value);
  if (n.type === 'single_quote_string' && typeof n.value === 'string') return n.value.replace(/''/g, "'");
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

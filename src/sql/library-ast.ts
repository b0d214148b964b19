// The one place that knows node-sql-parser's AST shapes. Everything it exports speaks in
// skyql's own terms; the library's nodes stay inside src/sql/.
import { createRequire } from 'node:module';
import type * as NodeSqlParser from 'node-sql-parser';
import type { Parser } from 'node-sql-parser';
import { closingQuote } from './split-statements.js';

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
 * - `a IS [NOT] DISTINCT FROM b`, which the grammar cannot read (or reads as text), becomes
 *   `a IS [NOT] b`: SQLite's IS is exactly Postgres's IS NOT DISTINCT FROM, for any b.
 *   Padded with spaces to its length, so positions in parse errors stay the user's.
 * Offsets shift only by the doubled backslashes.
 */
export function normalizeForGrammar(text: string, backticked?: Set<string>): string {
  // Built from slices, not a character at a time, and `AS` looked for just before each
  // quote: the whole output is never rescanned, so long statements cost linear time.
  const out: string[] = [];
  const special = /['"`]|--|\/\*/g;
  let i = 0;
  while (i < text.length) {
    special.lastIndex = i;
    const m = special.exec(text);
    const at = m ? m.index : text.length;
    if (at > i) out.push(distinctFromAsIs(text.slice(i, at)));
    if (!m) break;
    let end: number;
    if (m[0] === '--') {
      const nl = text.indexOf('\n', at);
      end = nl < 0 ? text.length : nl;
      out.push(text.slice(at, end));
    } else if (m[0] === '/*') {
      const close = text.indexOf('*/', at + 2);
      end = close < 0 ? text.length : close + 2;
      out.push(text.slice(at, end));
    } else {
      const close = closingQuote(text, at);
      end = close < 0 ? text.length : close + 1;
      // An unclosed quote is left as it is, for the grammar to report.
      const body = text.slice(at + 1, close < 0 ? text.length : close);
      const q = close < 0 ? '' : m[0];
      if (m[0] === '`') {
        out.push(`"${body.replace(/"/g, '""')}${q && '"'}`);
        backticked?.add(body);
      }
      else if (m[0] === "'" && q && followsAs(text, at)) out.push(`"${body.replace(/''/g, "'").replace(/"/g, '""')}"`);
      else if (m[0] === "'") out.push(`'${body.replace(/\\/g, '\\\\')}${q}`);
      else out.push(text.slice(at, end));
    }
    i = end;
  }
  return out.join('');
}

function distinctFromAsIs(code: string): string {
  if (!/DISTINCT/i.test(code)) return code;
  return code.replace(/\bIS(\s+NOT)?\s+DISTINCT\s+FROM\b/gi, (m: string, not?: string) => {
    const word = not ? 'IS' : 'IS NOT';
    const lines = m.slice(0, word.length).replace(/[^\n]/g, '');
    return word + m.slice(word.length).replace(/[^\n]/g, ' ') + lines;
  });
}

/** `AS` (a whole word) then whitespace right before `at`: a quoted alias, as in `AS 'name'`. */
function followsAs(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && /\s/.test(text[k - 1])) k--;
  if (k === at || k < 2 || text.slice(k - 2, k).toUpperCase() !== 'AS') return false;
  return k === 2 || !/\w/.test(text[k - 3]);
}

export function astify(text: string): Node[] | LibraryParseFailure {
  try {
    const backticked = new Set<string>();
    const ast = parser().astify(normalizeForGrammar(text, backticked), { database: 'postgresql' });
    // `name` is always a name (MySQL's and StackQL's quoting), whatever "name" may be read as.
    if (backticked.size) {
      walk(ast, (n) => {
        const e = n.type === 'column_ref' ? n.column?.expr : undefined;
        if (e?.type === 'double_quote_string' && backticked.has(e.value)) e.backquoted = true;
      });
    }
    // Undo the doubling of backslashes; without any, there is nothing to undo.
    if (text.includes('\\')) {
      walk(ast, (n) => {
        if (n.type === 'single_quote_string' && typeof n.value === 'string') n.value = n.value.replace(/\\\\/g, '\\');
      });
    }
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
  return sqlify(ast, 'sqlite');
}

export function sqlifyPostgres(ast: Node): string {
  return sqlify(ast, 'postgresql');
}

function sqlify(ast: Node, database: 'sqlite' | 'postgresql'): string {
  if (!isValuesList(ast)) return parser().sqlify(ast, { database });
  // The library prints a VALUES list only inside an INSERT: print one and keep the list.
  const insert = parser().sqlify({ type: 'insert', table: [{ db: null, table: 'v' }], columns: null, values: ast } as Node, { database });
  return insert.slice(insert.indexOf('VALUES'));
}

/**
 * `VALUES (…), (…)` as a query of its own (an INSERT's rows). Kept as one list: SQLite
 * takes any number of rows in a VALUES list, where a UNION ALL of SELECTs stops at 500
 * terms and nests one level deeper per row for every recursive walk.
 */
export function isValuesList(n: Node): boolean {
  return n?.type === 'values' && Array.isArray(n.values);
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
  if (root === null || typeof root !== 'object') return;
  // Three parallel stacks rather than a tuple per node: an INSERT's VALUES can hold
  // millions of nodes, and this runs over them several times.
  const nodes: Node[] = [root];
  const parents: Node[] = [null];
  const keys: (string | number)[] = [''];
  while (nodes.length) {
    const n = nodes.pop();
    const parent = parents.pop();
    const key = keys.pop()!;
    if (Array.isArray(n)) {
      for (let i = 0; i < n.length; i++) {
        if (n[i] !== null && typeof n[i] === 'object') {
          nodes.push(n[i]);
          parents.push(n);
          keys.push(i);
        }
      }
      continue;
    }
    visit(n, parent, key);
    for (const k in n) {
      const v = n[k];
      if (v !== null && typeof v === 'object') {
        nodes.push(v);
        parents.push(n);
        keys.push(k);
      }
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

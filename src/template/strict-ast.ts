// Rewrites a parsed nunjucks template so that it behaves like Jinja with StrictUndefined:
// reading a variable or key that does not exist is an error naming it, except where
// Jinja allows it (`x is defined`, `x | default(…)`). Output and `~` go through our
// text conversion so objects render as JSON, and every filter call carries its line.
// The runtime halves of these hooks are in strict-runtime.ts.
import { closest } from '../util/closest.js';
import { nodes, isNode } from './nunjucks-internals.js';
import type { NjNode } from './nunjucks-internals.js';
import { TemplateFault } from './template-fault.js';
// Names a template may not bind ({% set %}, loop variables, macro parameters).
import { RESERVED_NAMES } from './reserved-names.js';

export const HOOK = {
  defined: '__skyql_defined',
  lookup: '__skyql_lookup',
  output: '__skyql_output',
  callee: '__skyql_callee',
  text: '__skyql_text',
  filter: '__skyql_filter',
  fragment: '__skyql_fragment',
  iterate: '__skyql_iterate',
} as const;


export interface KnownNames {
  filters: readonly string[];
  tests: readonly string[];
}

/** Filters whose piped value may be undefined, as in Jinja. */
const UNDEFINED_TOLERANT_FILTERS = new Set(['default', 'd']);

/** Tags that need a template loader, which we never have, by node type. */
const NEEDS_LOADER: Readonly<Record<string, string>> = { Include: 'include', Import: 'import', FromImport: 'from', Extends: 'extends' };

export function rewriteStrict(root: NjNode, known: KnownNames): NjNode {
  return new Rewriter(known).node(root, true);
}

class Rewriter {
  constructor(private readonly known: KnownNames) {}

  /** `strict`: whether an undefined value here is an error (false for `is` tests and `default`). */
  node(n: NjNode, strict: boolean): NjNode {
    switch (n.typename) {
      case 'Symbol':
        return strict ? hook(n, HOOK.defined, [n, lit(n, String(n.value)), lit(n, n.lineno + 1)]) : n;
      case 'LookupVal':
        return this.lookup(n, strict);
      case 'Output':
        n.children = (n.children as NjNode[]).map((c) => {
          if (c.typename === 'TemplateData') return c;
          const name = describe(c) ?? '';
          return hook(c, HOOK.output, [this.node(c, true), lit(c, c.lineno + 1), lit(c, name)]);
        });
        return n;
      case 'Concat':
        n.left = hook(n, HOOK.text, [this.node(n.left as NjNode, true), lit(n, n.lineno + 1)]);
        n.right = hook(n, HOOK.text, [this.node(n.right as NjNode, true), lit(n, n.lineno + 1)]);
        return n;
      case 'Filter':
        return this.filter(n);
      case 'Is':
        return this.test(n);
      case 'FunCall':
        return this.call(n);
      case 'Pair':
        // A bare name as a dict key (`{a: 1}`) or keyword argument is a name, not a read.
        if (!isSymbol(n.key)) n.key = this.node(n.key as NjNode, true);
        n.value = this.node(n.value as NjNode, true);
        return n;
      case 'Set':
        // `targets` are names being assigned.
        for (const t of n.targets as NjNode[]) reserved(t);
        if (n.value) n.value = this.node(n.value as NjNode, true);
        // A `{% set x %}…{% endset %}` block is template text: its values are placed
        // where x is finally written (sql-placement.ts).
        if (isNode(n.body)) n.body = hook(n.body, HOOK.fragment, [this.node(n.body, true)]);
        return n;
      case 'For':
      case 'AsyncEach':
      case 'AsyncAll': {
        // `name` is the loop variable(s). Every loop draws on the render's step budget,
        // so nested loops cannot run for ever (strict-runtime.ts).
        const names = n.name as NjNode;
        for (const v of names.typename === 'Array' ? (names.children as NjNode[]) : [names]) reserved(v);
        const loop = this.children(n, ['name', 'arr']);
        loop.arr = hook(n.arr as NjNode, HOOK.iterate, [this.node(n.arr as NjNode, true), lit(n, n.lineno + 1)]);
        return loop;
      }
      case 'Macro':
      case 'Caller':
        return this.macro(n);
      case 'Block':
        return this.children(n, ['name']);
      default:
        if (Object.hasOwn(NEEDS_LOADER, n.typename)) {
          throw new TemplateFault(
            `template tag '${NEEDS_LOADER[n.typename]}' is not supported`,
            'skyql renders each query on its own, without a template loader',
            n.lineno + 1,
            n.colno + 1,
          );
        }
        return this.children(n, []);
    }
  }

  private children(n: NjNode, skip: readonly string[]): NjNode {
    for (const key of Object.keys(n)) {
      if (skip.includes(key)) continue;
      const value = n[key];
      if (isNode(value)) n[key] = this.node(value, true);
      else if (Array.isArray(value)) n[key] = value.map((v: unknown) => (isNode(v) ? this.node(v, true) : v));
    }
    return n;
  }

  private lookup(n: NjNode, strict: boolean): NjNode {
    const target = n.target as NjNode;
    const name = describe(n) ?? '(expression)';
    const base = describe(target) ?? '(expression)';
    return hook(n, HOOK.lookup, [
      this.node(target, true),
      this.node(n.val as NjNode, true),
      lit(n, name),
      lit(n, base),
      lit(n, n.lineno + 1),
      lit(n, strict),
    ]);
  }

  private filter(n: NjNode): NjNode {
    const name = String((n.name as NjNode).value);
    if (!this.known.filters.includes(name)) {
      const near = closest(name, this.known.filters.filter((f) => !f.startsWith('__')));
      throw new TemplateFault(
        `template filter '${name}' is not defined`,
        near ? `did you mean '${near}'?` : 'check the filter name',
        n.lineno + 1,
        n.colno + 1,
      );
    }
    const [piped, ...rest] = (n.args as NjNode).children as NjNode[];
    const args = [
      lit(n, name),
      lit(n, n.lineno + 1),
      this.node(piped, !UNDEFINED_TOLERANT_FILTERS.has(name)),
      ...rest.map((a) => this.node(a, true)),
    ];
    return hook(n, HOOK.filter, args);
  }

  private test(n: NjNode): NjNode {
    const right = n.right as NjNode;
    const name = isNode(right.name) ? String(right.name.value) : String(right.value);
    if (!this.known.tests.includes(name)) {
      const near = closest(name, this.known.tests);
      throw new TemplateFault(
        `template test '${name}' is not defined`,
        near ? `did you mean '${near}'?` : 'check the test name',
        n.lineno + 1,
        n.colno + 1,
      );
    }
    n.left = this.node(n.left as NjNode, false);
    if (isNode(right.args)) right.args = this.node(right.args, true);
    return n;
  }

  private call(n: NjNode): NjNode {
    // The callee is looked up leniently and checked by the callee hook, which can say
    // "function" rather than "variable" when it is missing.
    const callee = n.name as NjNode;
    const name = describe(callee) ?? '(expression)';
    const value =
      callee.typename === 'Symbol' ? callee : callee.typename === 'LookupVal' ? this.lookup(callee, false) : this.node(callee, true);
    const isGlobal = callee.typename === 'Symbol';
    n.name = hook(callee, HOOK.callee, [value, lit(callee, name), lit(callee, callee.lineno + 1), lit(callee, isGlobal)]);
    n.args = this.node(n.args as NjNode, true);
    return n;
  }

  private macro(n: NjNode): NjNode {
    // Parameter names are declarations; only their default values are read.
    const params = (n.args as NjNode).children as NjNode[];
    for (const p of params) reserved(isSymbol(p) ? p : (p.key as NjNode | undefined) ?? p);
    (n.args as NjNode).children = params.map((p) => (isSymbol(p) ? p : this.node(p, true)));
    n.body = this.node(n.body as NjNode, true);
    return n;
  }
}

function reserved(n: NjNode): void {
  if (n.typename === 'Symbol' && RESERVED_NAMES.has(String(n.value))) {
    throw new TemplateFault(`template name '${String(n.value)}' cannot be assigned`, 'it is JavaScript\'s own; choose another name', n.lineno + 1, n.colno + 1);
  }
}

function isSymbol(value: unknown): boolean {
  return isNode(value) && value.typename === 'Symbol';
}

function lit(at: NjNode, value: string | number | boolean): NjNode {
  return new nodes.Literal(at.lineno, at.colno, value);
}

function hook(at: NjNode, name: string, args: NjNode[]): NjNode {
  const callee = new nodes.Symbol(at.lineno, at.colno, name);
  return new nodes.Filter(at.lineno, at.colno, callee, new nodes.NodeList(at.lineno, at.colno, args));
}

/** How the template spelled a variable reference (`a.b[0]`), for error messages. */
export function describe(n: NjNode): string | undefined {
  if (n.typename === 'Symbol') return String(n.value);
  if (n.typename === 'LookupVal') {
    const base = describe(n.target as NjNode);
    const key = n.val as NjNode;
    if (base === undefined || key.typename !== 'Literal') return undefined;
    const k = key.value;
    return typeof k === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${base}.${k}` : `${base}[${JSON.stringify(k)}]`;
  }
  return undefined;
}

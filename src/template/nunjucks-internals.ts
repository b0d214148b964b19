// Typed access to the parts of nunjucks that @types/nunjucks leaves out. We compile
// templates ourselves (parse → our AST rewrite → nunjucks' own transformer and compiler)
// so that missing variables are caught where they are read, with their names, as
// Jinja's StrictUndefined does; nunjucks' throwOnUndefined only checks `{{ }}` output
// and never says which variable was missing.
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';

export interface NjNode {
  readonly typename: string;
  readonly fields: readonly string[];
  lineno: number;
  colno: number;
  [field: string]: unknown;
}

type NodeCtor = new (lineno: number, colno: number, ...fields: unknown[]) => NjNode;

export interface NjNodes {
  Node: NodeCtor;
  NodeList: NodeCtor;
  Symbol: NodeCtor;
  Literal: NodeCtor;
  Filter: NodeCtor;
}

interface NjCompiler {
  compile(node: NjNode): void;
  getCode(): string;
}

interface NjInternals {
  parser: { parse(src: string, extensions: unknown[], opts: object): NjNode };
  compiler: { Compiler: new (name: string, throwOnUndefined: boolean) => NjCompiler };
  nodes: NjNodes;
}

const internals = nunjucks as unknown as NjInternals;
const transformer = createRequire(import.meta.url)('nunjucks/src/transformer.js') as {
  transform(ast: NjNode, asyncFilters: string[]): NjNode;
};

export const nodes: NjNodes = internals.nodes;

export function isNode(value: unknown): value is NjNode {
  return value instanceof internals.nodes.Node;
}

export function parseTemplate(text: string, lexerOpts: object): NjNode {
  return internals.parser.parse(text, [], lexerOpts);
}

/** The template's root render properties, as nunjucks' precompiled form expects them. */
export function compileAst(ast: NjNode, name: string): object {
  const compiler = new internals.compiler.Compiler(name, true);
  compiler.compile(transformer.transform(ast, []));
  // nunjucks itself turns compiled template code into functions this way.
  return new Function(compiler.getCode())() as object;
}

export function templateFromCompiled(props: object, env: nunjucks.Environment, name: string): nunjucks.Template {
  return new nunjucks.Template({ type: 'code', obj: props } as unknown as string, env, name);
}

// The template stage: `{{ }}` and `{% %}` in query text, rendered with Jinja semantics by
// nunjucks. Text without template syntax is returned exactly as given.
import nunjucks from 'nunjucks';
import { UsageError } from '../errors.js';
import { closest } from '../util/closest.js';
import { TEMPLATE_FILTERS, TEMPLATE_GLOBALS } from './filters.js';
import type { TemplateFilter } from './filters.js';
import { findUnclosedBlock, findUnclosedTag } from './locate-unclosed.js';
import { compileAst, parseTemplate, templateFromCompiled } from './nunjucks-internals.js';
import { rewriteStrict } from './strict-ast.js';
import type { KnownNames } from './strict-ast.js';
import { isPlainObject } from './json-input.js';
import { allowCall, allowReturned } from './sandbox.js';
import { selectFilters } from './select-filters.js';
import { RESERVED_NAMES, reservedNameProblem } from './reserved-names.js';
import { PlacementSession } from './sql-placement.js';
import { strictHooks, withBudget, withPlacement } from './strict-runtime.js';
import { TemplateFault, oneLine } from './template-fault.js';
import { hasTemplateSyntax } from './has-template-syntax.js';

export { hasTemplateSyntax };

export interface RenderTemplateOptions {
  /** Names the template in error messages, e.g. its file path. */
  source?: string;
  /** The fix to suggest for a missing top-level variable; by default, --var and --iqldata. */
  missingVariableHint?: (name: string) => string;
}

// Jinja's defaults: no block trimming. `dev` keeps the original error as `cause` of the
// TemplateError nunjucks throws, so our faults survive its wrapping.
const LEXER_OPTS = { trimBlocks: false, lstripBlocks: false };
const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true, dev: true, ...LEXER_OPTS });
for (const [name, filter] of Object.entries(TEMPLATE_FILTERS)) env.addFilter(name, filter);
// Jinja tests nunjucks lacks, then selectattr/rejectattr that apply them.
const addTest = (env as unknown as { addTest(name: string, test: (v: unknown, ...a: unknown[]) => boolean): void }).addTest.bind(env);
addTest('none', (v) => v === null);
addTest('in', (v, within) =>
  Array.isArray(within) ? within.includes(v) : typeof within === 'string' ? within.includes(String(v)) : isPlainObject(within) && Object.hasOwn(within, String(v)),
);
for (const [name, value] of Object.entries(TEMPLATE_GLOBALS)) env.addGlobal(name, typeof value === 'function' ? allowCall(value) : value);
const internalEnv = env as unknown as { filters: object; tests: Record<string, unknown>; globals: Record<string, unknown> };
const testNamed = (name: string) => (Object.hasOwn(internalEnv.tests, name) ? (internalEnv.tests[name] as (v: unknown, ...a: unknown[]) => boolean) : undefined);
for (const [name, filter] of Object.entries(selectFilters(testNamed))) env.addFilter(name, filter);
// nunjucks' own globals (range, cycler, joiner) are callable too, and so are the
// functions cycler() and joiner() return.
for (const [name, value] of Object.entries(internalEnv.globals)) {
  if (typeof value !== 'function' || Object.hasOwn(TEMPLATE_GLOBALS, name)) continue;
  const fn = value as (...args: unknown[]) => unknown;
  env.addGlobal(name, allowCall((...args: unknown[]) => {
    const result = fn(...args);
    allowReturned(result);
    return result;
  }));
}
const hooks = strictHooks(
  (name) => env.getFilter(name) as TemplateFilter,
  () => Object.keys(internalEnv.globals).filter((g) => typeof internalEnv.globals[g] === 'function'),
);
for (const [name, hook] of Object.entries(hooks)) env.addFilter(name, hook);
const known: KnownNames = { filters: Object.keys(internalEnv.filters), tests: Object.keys(internalEnv.tests) };


/** Renders text (a manifest value, a message): values are written as they are. */
export function renderTemplate(text: string, context: Record<string, unknown>, opts: RenderTemplateOptions = {}): string {
  return render(text, context, opts, undefined);
}

/**
 * Renders SQL: each value is escaped for the place it lands (sql-placement.ts), so no
 * value can end a string literal or add to the statement.
 */
export function renderSql(text: string, context: Record<string, unknown>, opts: RenderTemplateOptions = {}): string {
  if (!hasTemplateSyntax(text)) return text;
  const session = new PlacementSession();
  const marked = render(text, context, opts, session);
  try {
    return session.place(marked);
  } catch (e) {
    throw e instanceof TemplateFault ? usageError(e, context, opts) : e;
  }
}

function render(text: string, context: Record<string, unknown>, opts: RenderTemplateOptions, session: PlacementSession | undefined): string {
  if (!hasTemplateSyntax(text)) return text;
  // nunjucks copies the context by assignment: a key `__proto__` would become its prototype.
  const reserved = [...RESERVED_NAMES].find((k) => Object.hasOwn(context, k));
  if (reserved) throw new UsageError(reservedNameProblem(reserved));
  const name = opts.source ?? 'template';
  let props: object;
  try {
    props = compileAst(rewriteStrict(parseTemplate(text, LEXER_OPTS), known), name);
  } catch (e) {
    throw e instanceof TemplateFault ? usageError(e, context, opts) : syntaxError(e, text, opts.source);
  }
  try {
    const template = templateFromCompiled(props, env, name);
    return withBudget(() => (session ? withPlacement(session, () => template.render(context)) : template.render(context)));
  } catch (e) {
    throw renderError(e, context, opts);
  }
}

function syntaxError(e: unknown, text: string, source: string | undefined): UsageError {
  const err = e as { message?: string; lineno?: number; colno?: number };
  // nunjucks names its own parser functions in some messages ("parseIf: expected …").
  const message = oneLine(stripNunjucksPrefix(String(err.message ?? e))).replace(/^(parse|compile)\w*: /, '');
  if (err.lineno) return new UsageError(`template syntax error${where(source, err.lineno, err.colno)}: ${message}`);
  const open = findUnclosedTag(text);
  if (open) {
    const close = { '{{': '}}', '{%': '%}', '{#': '#}' }[open.opener];
    const hint = open.opener === '{#' ? `; '{#' starts a template comment, so write {{ '{#' }} for a literal '{#'` : '';
    return new UsageError(
      `template syntax error${where(source, open.line, open.column)}: '${open.opener}' is never closed with '${close}'${hint}`,
    );
  }
  const block = findUnclosedBlock(text);
  if (block) {
    return new UsageError(
      `template syntax error${where(source, block.line, block.column)}: '{% ${block.tag} %}' has no '{% end${block.tag} %}'`,
    );
  }
  return new UsageError(`template syntax error${where(source)}: ${message}`);
}

function renderError(e: unknown, context: Record<string, unknown>, opts: RenderTemplateOptions): UsageError {
  const fault = findCause(e, (c): c is TemplateFault => c instanceof TemplateFault);
  if (fault) return usageError(fault, context, opts);
  const err = e as { message?: string; cause?: unknown };
  const cause = err.cause instanceof Error ? err.cause : undefined;
  const message = oneLine(stripNunjucksPrefix(cause ? cause.message : String(err.message ?? e)));
  // Not one of ours: nunjucks' runtime position is that of the last function call, if any,
  // so it would mislead.
  return new UsageError(`template error${where(opts.source)}: ${message}`);
}

function usageError(fault: TemplateFault, context: Record<string, unknown>, opts: RenderTemplateOptions): UsageError {
  let detail = fault.detail;
  if (fault.missingVariable !== undefined) {
    const name = fault.missingVariable;
    const fix = opts.missingVariableHint?.(name) ?? `pass --var ${name}=… or --iqldata FILE`;
    const near = closest(name, Object.keys(context));
    detail = near ? `did you mean '${near}'? Otherwise ${fix}` : fix;
  }
  return new UsageError(`${fault.headline}${where(opts.source, fault.line, fault.column)}: ${detail}`);
}

/** ` (query.iql, line 3, column 5)`, or as much of it as is known. */
function where(source: string | undefined, line?: number, column?: number): string {
  const parts = [source, line ? `line ${line}` : undefined, line && column ? `column ${column}` : undefined];
  const text = parts.filter(Boolean).join(', ');
  return text ? ` (${text})` : '';
}

/** nunjucks prefixes "(unknown path) [Line 1, Column 3]\n  " to messages; we report position ourselves. */
function stripNunjucksPrefix(message: string): string {
  let previous: string;
  do {
    previous = message;
    message = message.replace(/^\([^)]*\)( \[Line \d+(, Column \d+)?\])?\s*/, '').replace(/^(Type)?Error: /, '');
  } while (message !== previous);
  return message;
}

function findCause<T>(e: unknown, match: (c: unknown) => c is T): T | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (match(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

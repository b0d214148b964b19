// The shell's `{{ }}` template variables: from --iqldata and --var at start, then `.set`
// and `.unset`. Rendering is exec's: every value is escaped for the place it lands.
import { UsageError } from '../errors.js';
import { hasTemplateSyntax } from '../template/has-template-syntax.js';
import { RESERVED_NAMES, reservedNameProblem } from '../template/reserved-names.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class ShellVariables {
  private readonly values: Map<string, unknown>;

  constructor(initial: Record<string, unknown> = {}) {
    this.values = new Map(Object.entries(initial));
  }

  /** --iqldata, then --var (a --var wins), checked at start so a bad flag fails before any statement. */
  static async fromFlags(vars: string[], iqldata?: string): Promise<ShellVariables> {
    if (vars.length === 0 && !iqldata) return new ShellVariables();
    // nunjucks and yaml load only when flags need them: a plain shell starts faster.
    const { loadIqlData, parseVarFlags } = await import('../template/index.js');
    return new ShellVariables({ ...(iqldata ? loadIqlData(iqldata) : {}), ...parseVarFlags(vars) });
  }

  set(name: string, value: string): void {
    if (!NAME.test(name)) {
      throw new UsageError(`.set: '${name}' is not a template variable name (letters, digits and _, not starting with a digit)`);
    }
    if (RESERVED_NAMES.has(name)) throw new UsageError(`.set: ${reservedNameProblem(name)}`);
    this.values.set(name, value);
  }

  /** False if there was no such variable. */
  unset(name: string): boolean {
    return this.values.delete(name);
  }

  names(): string[] {
    return [...this.values.keys()].sort();
  }

  /** `name = value` lines, by name; values that are not strings (from --iqldata) as JSON. */
  describe(): string[] {
    return this.names().map((n) => {
      const v = this.values.get(n);
      return `${n} = ${typeof v === 'string' ? v : JSON.stringify(v)}`;
    });
  }

  async render(script: string): Promise<string> {
    if (!hasTemplateSyntax(script)) return script;
    const { renderSql } = await import('../template/render-template.js');
    return renderSql(script, Object.fromEntries(this.values), {
      missingVariableHint: (name) => `.set ${name} … in this shell, or start it with --var ${name}=…`,
    });
  }
}

/**
 * The value of `.set name VALUE`: the rest of the line, trimmed; a value in single or
 * double quotes is taken from inside them (a doubled quote is one), so `''` is the empty
 * string and `'  x '` keeps its spaces, as psql's `\set` reads quotes.
 */
export function setValue(rest: string): string {
  const text = rest.trim();
  const q = text[0];
  if ((q === "'" || q === '"') && text.length >= 2 && text.endsWith(q)) {
    const inner = text.slice(1, -1);
    // Only a whole quoted value: `'a' 'b'` is taken as written.
    if (!inner.replaceAll(q + q, '').includes(q)) return inner.replaceAll(q + q, q);
  }
  return text;
}

// The runtime halves of the hooks that strict-ast.ts inserts, registered as filters.
import nunjucks from 'nunjucks';
import { closest } from '../util/closest.js';
import { dictMethod } from './dict-methods.js';
import { isPlainObject, kindOf } from './json-input.js';
import { toText } from './render-value.js';
import { HOOK } from './strict-ast.js';
import { TemplateFault, oneLine } from './template-fault.js';
import type { TemplateFilter } from './filters.js';

const memberLookup = (nunjucks.runtime as unknown as { memberLookup(obj: unknown, key: unknown): unknown }).memberLookup;

export function strictHooks(
  getFilter: (name: string) => TemplateFilter,
  functionNames: () => string[],
): Record<string, TemplateFilter> {
  return {
    [HOOK.defined](value: unknown, name: unknown, line: unknown): unknown {
      if (value === undefined) {
        throw new TemplateFault(`template variable '${String(name)}' is not defined`, '', Number(line), undefined, String(name));
      }
      return value;
    },

    [HOOK.lookup](obj: unknown, key: unknown, name: unknown, base: unknown, line: unknown, strict: unknown): unknown {
      let value = obj === undefined || obj === null ? undefined : memberLookup(obj, key);
      if (value === undefined) value = dictMethod(obj, key);
      if (value !== undefined || !strict) return value;
      throw new TemplateFault(`template variable '${String(name)}' is not defined`, whyMissing(obj, key, String(base)), Number(line));
    },

    [HOOK.callee](value: unknown, name: unknown, line: unknown, isGlobal: unknown): unknown {
      if (typeof value === 'function') return withFaultLine(value as (...args: unknown[]) => unknown, String(name), Number(line));
      if (value === undefined && !isGlobal) {
        throw new TemplateFault(`template function '${String(name)}' is not defined`, 'there is no method by that name', Number(line));
      }
      if (value === undefined) {
        const names = functionNames();
        const near = closest(String(name), names);
        const detail = near ? `did you mean '${near}()'?` : `the functions are ${names.map((f) => `${f}()`).join(', ')}`;
        throw new TemplateFault(`template function '${String(name)}' is not defined`, detail, Number(line));
      }
      throw new TemplateFault(`template value '${String(name)}' is not a function`, `it is ${kindOf(value)}`, Number(line));
    },

    [HOOK.output](value: unknown, line: unknown, name: unknown): string {
      if (typeof value === 'function' && name) {
        throw new TemplateFault(`cannot write template '${String(name)}'`, `it is a function: write ${String(name)}()`, Number(line));
      }
      try {
        return toText(value);
      } catch (e) {
        const what = name ? `'${String(name)}'` : 'expression';
        throw new TemplateFault(`cannot write template ${what}`, oneLine((e as Error).message), Number(line));
      }
    },

    [HOOK.text](value: unknown, line: unknown): string {
      try {
        return toText(value);
      } catch (e) {
        throw new TemplateFault('cannot join template values with ~', oneLine((e as Error).message), Number(line));
      }
    },

    [HOOK.filter](this: unknown, name: unknown, line: unknown, ...args: unknown[]): unknown {
      try {
        return getFilter(String(name)).apply(this, args as [unknown, ...unknown[]]);
      } catch (e) {
        if (e instanceof TemplateFault) throw e;
        const message = e instanceof Error ? e.message : String(e);
        throw new TemplateFault(`template filter '${String(name)}' failed`, oneLine(message), Number(line));
      }
    },
  };
}

function whyMissing(obj: unknown, key: unknown, base: string): string {
  if (obj === null || obj === undefined) return `'${base}' is ${String(obj)}`;
  if (Array.isArray(obj)) return `'${base}' has ${obj.length} item${obj.length === 1 ? '' : 's'}`;
  if (isPlainObject(obj)) {
    const near = closest(String(key), Object.keys(obj));
    return `'${base}' has no key '${String(key)}'${near ? `; did you mean '${near}'?` : ''}`;
  }
  return `'${base}' is a ${typeof obj}, which has no '${String(key)}'`;
}

/** nunjucks tracks no reliable line for errors thrown inside a called function; we know it. */
function withFaultLine(fn: (...args: unknown[]) => unknown, name: string, line: number): (...args: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]): unknown {
    try {
      return fn.apply(this, args);
    } catch (e) {
      if (e instanceof TemplateFault) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw new TemplateFault(`template function '${name}' failed`, oneLine(message), line);
    }
  };
}

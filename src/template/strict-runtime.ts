// The runtime halves of the hooks that strict-ast.ts inserts, registered as filters.
import nunjucks from 'nunjucks';
import { closest } from '../util/closest.js';
import { dictMethod } from './dict-methods.js';
import { isPlainObject, kindOf } from './json-input.js';
import { toText } from './render-value.js';
import { allowCall, InternalAccess, isCallable, memberOf } from './sandbox.js';
import type { PlacementSession } from './sql-placement.js';
import { HOOK } from './strict-ast.js';
import { TemplateFault, oneLine } from './template-fault.js';
import type { TemplateFilter } from './filters.js';

const SafeString = (nunjucks.runtime as unknown as { SafeString: new (s: string) => object }).SafeString;

/** Set while a SQL template renders (renders are synchronous): where output is placed. */
let session: PlacementSession | undefined;

/**
 * A render's budget: loop iterations plus macro calls, and output characters. Rendering is
 * synchronous, so nothing (not a server's statement timeout) could stop a template like
 * `{% for i in range(100000) %}{% for j in range(100000) %}…` once it runs.
 */
export const RENDER_STEPS = 1_000_000;
export const RENDER_OUTPUT = 64 * 1024 * 1024;
let steps = 0;
let output = 0;
/** Calls inside one another: recursion ends with one line long before the stack does. */
const MAX_CALL_DEPTH = 200;
let depth = 0;

export function withBudget<T>(render: () => T): T {
  steps = 0;
  output = 0;
  depth = 0;
  return render();
}

function spend(n: number, line: number): void {
  steps += n;
  if (steps > RENDER_STEPS) {
    throw new TemplateFault('template ran too long', `more than ${RENDER_STEPS.toLocaleString('en-US')} loop iterations and macro calls in one render`, line);
  }
}

export function withPlacement<T>(s: PlacementSession, render: () => T): T {
  session = s;
  try {
    return render();
  } finally {
    session = undefined;
  }
}

export function strictHooks(
  getFilter: (name: string) => TemplateFilter,
  functionNames: () => string[],
): Record<string, TemplateFilter> {
  return {
    [HOOK.defined](value: unknown, name: unknown, line: unknown): unknown {
      // nunjucks looks names up in a plain object, so `constructor` would find Object.
      if ((typeof value === 'function' || value === Object.prototype) && String(name) in Object.prototype) value = undefined;
      if (value === undefined) {
        throw new TemplateFault(`template variable '${String(name)}' is not defined`, '', Number(line), undefined, String(name));
      }
      return value;
    },

    [HOOK.lookup](obj: unknown, key: unknown, name: unknown, base: unknown, line: unknown, strict: unknown): unknown {
      let value: unknown;
      try {
        value = memberOf(obj, key);
      } catch (e) {
        if (!(e instanceof InternalAccess)) throw e;
        throw new TemplateFault(`template cannot read '${String(name)}'`, e.message, Number(line));
      }
      if (value === undefined) {
        const method = dictMethod(obj, key);
        value = method && allowCall(method);
      }
      if (value !== undefined || !strict) return value;
      throw new TemplateFault(`template variable '${String(name)}' is not defined`, whyMissing(obj, key, String(base)), Number(line));
    },

    [HOOK.callee](value: unknown, name: unknown, line: unknown, isGlobal: unknown): unknown {
      if (typeof value === 'function' && !isCallable(value)) {
        throw new TemplateFault(
          `template cannot call '${String(name)}'`,
          'templates call template functions only (uuid(), range(), filters, macros), never JavaScript',
          Number(line),
        );
      }
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
      let text: string;
      try {
        text = toText(value);
      } catch (e) {
        const what = name ? `'${String(name)}'` : 'expression';
        throw new TemplateFault(`cannot write template ${what}`, oneLine((e as Error).message), Number(line));
      }
      output += text.length;
      if (output > RENDER_OUTPUT) throw new TemplateFault('template output too large', `more than ${RENDER_OUTPUT / 1024 / 1024} MiB`, Number(line));
      return session ? session.mark(value, text, String(name), Number(line)) : text;
    },

    [HOOK.iterate](items: unknown, line: unknown): unknown {
      const n = Array.isArray(items) || typeof items === 'string' ? items.length : isPlainObject(items) ? Object.keys(items).length : 0;
      spend(n, Number(line));
      return items;
    },

    [HOOK.fragment](text: unknown): unknown {
      session?.fragment(String(text));
      return text;
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
    spend(1, line);
    if (++depth > MAX_CALL_DEPTH) {
      depth = 0;
      throw new TemplateFault(`template function '${name}' nests too deep`, `more than ${MAX_CALL_DEPTH} calls inside one another (a macro calling itself without end?)`, line);
    }
    try {
      const result = fn.apply(this, args);
      // A macro's output is template text: its values are placed where it is written.
      if (result instanceof SafeString && fn.name === 'macro') session?.fragment(String(result));
      return result;
    } catch (e) {
      if (e instanceof TemplateFault) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw new TemplateFault(`template function '${name}' failed`, oneLine(message), line);
    } finally {
      depth = Math.max(0, depth - 1);
    }
  };
}

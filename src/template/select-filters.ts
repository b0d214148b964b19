// Jinja's `selectattr` and `rejectattr` with their test: `users | selectattr("env",
// "equalto", "dev")`. nunjucks' own take one argument and drop the rest, so a filtered
// loop silently ran over every item; and they read attributes through prototypes.
import { memberOf } from './sandbox.js';

type Test = (value: unknown, ...args: unknown[]) => boolean;

export function selectFilters(testNamed: (name: string) => Test | undefined): Record<string, (list: unknown, ...args: unknown[]) => unknown[]> {
  const keep = (want: boolean) => (list: unknown, attr: unknown, testName?: unknown, ...args: unknown[]): unknown[] => {
    if (!Array.isArray(list)) throw new Error(`expects a list, got ${list === null ? 'null' : typeof list}`);
    if (typeof attr !== 'string' || attr === '') throw new Error('needs the name of an attribute: list | selectattr("key", "equalto", value)');
    let test: Test = (v) => Boolean(v);
    if (testName !== undefined) {
      const found = typeof testName === 'string' ? testNamed(testName) : undefined;
      if (!found) throw new Error(`there is no test named ${JSON.stringify(testName)} (try "equalto", "ne", "defined", "none", "in")`);
      test = found;
    }
    return list.filter((item) => test(attribute(item, attr), ...args) === want);
  };
  return { selectattr: keep(true), rejectattr: keep(false) };
}

/** `a.b.c` read from own keys only, as templates read data (sandbox.ts). */
function attribute(item: unknown, path: string): unknown {
  let value = item;
  for (const part of path.split('.')) value = memberOf(value, part);
  return value;
}

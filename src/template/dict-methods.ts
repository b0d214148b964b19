// Jinja templates call Python dict methods (`{% for k, v in tags.items() %}`); plain JS
// objects have none, so a lookup of one of these names on an object without such a key
// yields the equivalent function.
import { isPlainObject } from './json-input.js';

type Method = (obj: Record<string, unknown>) => (...args: unknown[]) => unknown;

const METHODS: Readonly<Record<string, Method>> = {
  items: (obj) => () => Object.entries(obj),
  keys: (obj) => () => Object.keys(obj),
  values: (obj) => () => Object.values(obj),
  get:
    (obj) =>
    (key, fallback = null) =>
      typeof key === 'string' && Object.hasOwn(obj, key) ? obj[key] : fallback,
};

export function dictMethod(obj: unknown, key: unknown): ((...args: unknown[]) => unknown) | undefined {
  if (typeof key !== 'string' || !Object.hasOwn(METHODS, key) || !isPlainObject(obj) || key in obj) return undefined;
  return METHODS[key](obj);
}

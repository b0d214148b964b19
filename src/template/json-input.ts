// stackql-deploy's filters accept either data or JSON text of it, because its contexts
// hold dict and list properties as JSON strings; ours hold data, and both must work.

export function asList(value: unknown, what: string): unknown[] {
  const data = typeof value === 'string' ? parseOr(value, undefined) : value;
  if (Array.isArray(data)) return data;
  throw new Error(`${what} must be a list or the JSON text of one, got ${kindOf(value)}`);
}

export function asObject(value: unknown, what: string): Record<string, unknown> {
  const data = typeof value === 'string' ? parseOr(value, undefined) : value;
  if (isPlainObject(data)) return data;
  throw new Error(`${what} must be an object or the JSON text of one, got ${kindOf(value)}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof String);
}

export function parseOr<T>(text: string, fallback: T): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

// Which earlier resources a resource waits on: the names its templates read (in
// `{{ }}` and `{% %}`, following its props to what they read), matched against the
// exports of resources whose values are not known. plan uses it for resources after one
// it would create (their exports are known only after build); build --on-failure ignore
// for resources after one that failed (their exports never came).
import type { Prop, ResourceSpec } from './manifest.js';

const BLOCK = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const STRING = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;
// A name not reached through a dot (`this.api_id` is the resource's own field, not api_id).
const NAME = /(?<![\w.])[A-Za-z_]\w*/g;
const WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'elif', 'endif', 'for', 'endfor', 'set', 'endset', 'true', 'false', 'none', 'True', 'False', 'None', 'loop', 'this']);

/** The top-level names a template reads. */
export function templateNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(BLOCK)) {
    const inner = (m[1] ?? m[2]).replace(STRING, "''");
    // Filter names follow a `|`; they are functions, not values.
    for (const n of inner.replace(/\|\s*[A-Za-z_]\w*/g, '|').matchAll(NAME)) if (!WORDS.has(n[0])) names.add(n[0]);
  }
  return names;
}

function valueNames(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') for (const n of templateNames(value)) into.add(n);
  else if (Array.isArray(value)) for (const v of value) valueNames(v, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) valueNames(v, into);
}

function propNames(prop: Prop, env: string): Set<string> {
  const names = new Set<string>(prop.merge ?? []);
  valueNames(prop.values ? prop.values[env]?.value : prop.value, names);
  return names;
}

/**
 * Every name from outside the resource that `templates` read: a prop they read is
 * followed to the names its value reads (a prop hides an export of the same name).
 */
export function namesRead(res: ResourceSpec, env: string, templates: string[]): Set<string> {
  const props = new Map(res.props.map((p) => [p.name, p]));
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (names: Iterable<string>) => {
    for (const n of names) {
      if (seen.has(n)) continue;
      seen.add(n);
      const prop = props.get(n);
      if (prop) visit(propNames(prop, env));
      else out.add(n);
    }
  };
  visit(templates.flatMap((t) => [...templateNames(t)]));
  return out;
}

/**
 * Of `names`, those another resource owes: an export whose value is not known (`owed`:
 * export name → resource), or a resource-scoped `{{ api.api_id }}` of such a resource.
 * Returns resource → the names read from it, in the order first read.
 */
export function owedBy(names: Set<string>, owed: ReadonlyMap<string, string>): Map<string, string[]> {
  const resources = new Set(owed.values());
  const out = new Map<string, string[]>();
  for (const n of names) {
    const from = owed.get(n) ?? (resources.has(n) ? n : undefined);
    if (from === undefined) continue;
    out.set(from, [...(out.get(from) ?? []), n]);
  }
  return out;
}

/** `api (api_id, api_endpoint)` */
export function describeOwed(owed: Map<string, string[]>): string {
  return [...owed].map(([res, names]) => `${res} (${names.join(', ')})`).join(', ');
}

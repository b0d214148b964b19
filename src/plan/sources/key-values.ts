// What the predicates of a reference allow for one column: the values an equality or IN
// pins it to, intersected across conjuncts.
import type { Literal, Predicate } from '../../sql/select-query.js';

/** All values equality/IN predicates allow for `column`; undefined when unconstrained. */
export function allowed(preds: Predicate[], column: string | string[]): string[] | undefined {
  const names = Array.isArray(column) ? column : [column];
  let result: string[] | undefined;
  for (const p of preds) {
    if (!names.includes(p.column) || p.values.some((v) => v === null)) continue;
    const values = (p.values as Exclude<Literal, null>[]).map(String);
    // Two constraints on one column intersect (region = 'a' AND region IN ('a','b')).
    result = result ? result.filter((v) => values.includes(v)) : [...new Set(values)];
  }
  return result;
}

export function cartesian(lists: string[][]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

/** A predicate as a query writes it, for plans and notes. */
export function predicateText(p: Predicate): string {
  const lit = (v: Literal) => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));
  return p.op === '=' ? `${p.column} = ${lit(p.values[0])}` : `${p.column} IN (${p.values.map(lit).join(', ')})`;
}

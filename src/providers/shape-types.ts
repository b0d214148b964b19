// Value shapes of a type's properties, nested types included: what the local cloud
// validates desired states against. Compact, since every type of a service is in one file.
//
//   's' string · 'i' integer · 'n' number · 'b' boolean · 'j' any JSON · 't' a {Key, Value} tag
//   {a: S} array of S · {m: S} map of S · {r: id} the nested type `id` · {u: [S…]} any of them
export type Shape = 's' | 'i' | 'n' | 'b' | 'j' | 't' | { a: Shape } | { m: Shape } | { r: string } | { u: Shape[] };

export interface ObjectShape {
  /** Property name → shape. */
  p: Record<string, Shape>;
  /** Required property names. */
  q?: string[];
}

export interface TypeShapes {
  /** The resource's own properties (attributes excluded: they are read-only). */
  root: ObjectShape;
  /** Nested types by id, for `{r: id}`. */
  types: Record<string, ObjectShape & { n: string }>;
}

// Names a template can never hold as variables: nunjucks copies a context by assignment
// and binds names on plain objects, where these reach JavaScript's prototypes.
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function reservedNameProblem(name: string): string {
  return `'${name}' cannot be a template variable name (it is JavaScript's own); choose another name`;
}

// How deeply JSON nests, measured without recursion. JSON.parse copes with any depth, but
// what runs on the parsed value afterwards (JSON.stringify, structuredClone, the schema
// and patch walkers) recurses, and a deep enough document overflows the stack: a 500
// that SDKs retry. Documents are measured before they are parsed and refused with a 400.
//
// The limit is our own choice: neither the Cloud Control API reference nor the
// CloudFormation quotas page documents a nesting limit (only sizes: 262,144 characters
// for DesiredState and PatchDocument). The deepest registry schema in our catalog nests
// 22 levels (AWS::Lex::Bot, recursive definitions cut at the first repeat), so 64 leaves
// room while staying far below the depth at which V8's recursion fails (a few thousand).
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of objects and arrays in JSON text (`{}` is 1, `[{}]` is 2),
 * counting no further than `limit + 1`. Brackets inside strings do not count; the text
 * need not be valid JSON (the parser reports that).
 */
export function textDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** The nesting depth of a parsed value (scalars are 0), counting no further than `limit + 1`. */
export function valueDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > deepest) deepest = d;
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

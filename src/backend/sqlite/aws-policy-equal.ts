// aws_policy_equal(a, b): two IAM policy documents (or tag arrays) compared as AWS reads
// them, as StackQL's function of that name does (stackql/sqlite-ext-functions,
// src/aws_policy_equal; StackQL docs: language-spec/functions/json/aws_policy_equal).
//
// Both sides are brought to one canonical text and compared:
// - Action, NotAction, Resource, NotResource, the values under Principal/NotPrincipal
//   (AWS, Service, Federated, CanonicalUser), condition values, and Tags/tags are sets:
//   order and repeats do not matter, and a single value equals a one-element list
//   ("s3:GetObject" = ["s3:GetObject"]), as the IAM policy grammar allows both;
// - Statement is a set too (a lone statement object = a list of one): AWS evaluates every
//   statement whatever its place. (StackQL's C function keeps statement order; the issue
//   asks for AWS's reading, and a reordered policy grants exactly the same.)
// - Action and NotAction values are case-insensitive ("The prefix and the action name
//   are case insensitive", IAM User Guide, Action element); so is an ARN's service field
//   (StackQL's test 8_01: arn:aws:S3 = arn:aws:s3). Everything else, keys included, is
//   compared exactly;
// - "Principal": "*" is {"AWS": "*"} (IAM User Guide, Principal element: equivalent);
// - two top-level arrays (a resource's Tags column) are sets, as in StackQL.
// Objects compare by their keys and values whatever the key order; other arrays keep
// their order (a Condition's list under a key is a set, other lists are data).

const SET_KEYS = new Set(['Action', 'NotAction', 'Resource', 'NotResource', 'Tags', 'tags']);
const CASE_INSENSITIVE_KEYS = new Set(['Action', 'NotAction']);
const PRINCIPAL_KEYS = new Set(['Principal', 'NotPrincipal']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A canonical text for any JSON value: objects with sorted keys, arrays in order. */
function plain(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(plain).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${policyValue(k, v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A set of values: each canonical, sorted, repeats dropped; a lone value is a set of one. */
function set(v: Json, each: (x: Json) => string): string {
  const items = Array.isArray(v) ? v : [v];
  return `[${[...new Set(items.map(each))].sort().join(',')}]`;
}

function arnOrText(x: Json): string {
  // arn:partition:service:…: the service field is case-insensitive.
  if (typeof x === 'string' && x.startsWith('arn:')) {
    const parts = x.split(':');
    if (parts.length > 2) parts[2] = parts[2].toLowerCase();
    return JSON.stringify(parts.join(':'));
  }
  return plain(x);
}

/** The canonical text of the value under `key`, by what that key means in a policy. */
function policyValue(key: string, v: Json): string {
  if (key === 'Statement') return set(v, plain);
  if (CASE_INSENSITIVE_KEYS.has(key)) return set(v, (x) => (typeof x === 'string' ? JSON.stringify(x.toLowerCase()) : plain(x)));
  if (SET_KEYS.has(key)) return set(v, arnOrText);
  if (PRINCIPAL_KEYS.has(key)) {
    const principal = v === '*' ? { AWS: '*' } : v;
    if (principal === null || typeof principal !== 'object' || Array.isArray(principal)) return plain(principal);
    return `{${Object.keys(principal)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${set(principal[k], arnOrText)}`)
      .join(',')}}`;
  }
  if (key === 'Condition' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
    // operator → { condition key → value or values }: the values are alternatives.
    return `{${Object.keys(v)
      .sort()
      .map((op) => {
        const keys = v[op];
        if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) return `${JSON.stringify(op)}:${plain(keys)}`;
        return `${JSON.stringify(op)}:{${Object.keys(keys)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${set(keys[k], plain)}`)
          .join(',')}}`;
      })
      .join(',')}}`;
  }
  return plain(v);
}

function canonical(v: Json): string {
  return Array.isArray(v) ? set(v, plain) : plain(v);
}

function parse(v: unknown): { ok: true; value: Json } | { ok: false } {
  if (typeof v !== 'string') return { ok: true, value: v as Json };
  try {
    const value = JSON.parse(v) as Json;
    // A policy kept as a JSON string (the spec types some policies JSON-or-string): its text is the document.
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) return parse(value);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

/**
 * 1 when the two documents mean the same policy (or the same tags), else 0; NULL when
 * either is NULL, as SQL's comparisons are. Text that is not JSON is no policy: it equals
 * only its identical text (StackQL raises an error there; a statecheck is better served
 * by "not equal" than by a failed run).
 */
export function awsPolicyEqual(a: unknown, b: unknown): 0 | 1 | null {
  if (a === null || b === null || a === undefined || b === undefined) return null;
  if (typeof a === 'string' && a === b) return 1;
  const pa = parse(a);
  const pb = parse(b);
  if (!pa.ok || !pb.ok) return 0;
  if (Array.isArray(pa.value) !== Array.isArray(pb.value)) return 0;
  return canonical(pa.value) === canonical(pb.value) ? 1 : 0;
}

// Pattern functions for the SQLite backend: StackQL's regexp_like, regexp_substr and
// regexp_replace (stackql/sqlite-ext-functions, docs/regexp_fns.md), Postgres's
// split_part, and ILIKE (which SQLite lacks: the SQL layer rewrites `a ILIKE p` to a
// call of ILIKE_FUNCTION).
//
// Patterns are JavaScript regular expressions with Postgres's flag letters; for the
// patterns people write (classes, anchors, groups, \d \w \s, quantifiers) that is the
// syntax of Postgres's and of StackQL's functions, and POSIX bracket classes
// ([[:digit:]]) are translated. NULL in, NULL out, as both document.

import { ILIKE_FUNCTION } from '../../sql/sqlite-forms.js';

export { ILIKE_FUNCTION };

const cache = new Map<string, RegExp>();
const CACHE_MAX = 256;

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  blank: ' \\t',
};

/**
 * Postgres's flags: i (case-insensitive), c (case-sensitive, the default), n or m (^ $ .
 * work per line; Postgres's default lets . match a newline: JavaScript's s), s (the
 * default), g (every match: regexp_replace only). Anything else is refused by name.
 */
function jsFlags(fn: string, flags: string, allowGlobal: boolean): string {
  let insensitive = false;
  let perLine = false;
  for (const f of flags) {
    if (f === 'i') insensitive = true;
    else if (f === 'c') insensitive = false;
    else if (f === 'n' || f === 'm') perLine = true;
    else if (f === 's') perLine = false;
    else if (f === 'g' && allowGlobal) continue;
    else {
      throw new Error(
        `${fn}: unknown flag '${f}' in '${flags}' (use i for case-insensitive, c, n or m for per-line ^ $ ., s${allowGlobal ? ', g' : ''})`,
      );
    }
  }
  return (insensitive ? 'i' : '') + (perLine ? 'm' : 's');
}

function compile(fn: string, pattern: unknown, flags: unknown, allowGlobal = false): RegExp {
  const text = String(pattern);
  const js = jsFlags(fn, flags === undefined || flags === null ? '' : String(flags), allowGlobal);
  const key = `${js}/${text}`;
  let re = cache.get(key);
  if (!re) {
    const source = text.replace(/\[:(\w+):\]/g, (m, name: string) => POSIX_CLASSES[name] ?? m);
    try {
      re = new RegExp(source, `${js}g`);
    } catch (e) {
      throw new Error(`${fn}: invalid regular expression '${text}': ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`, { cause: e });
    }
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

function isNull(...values: unknown[]): boolean {
  return values.some((v) => v === null);
}

/** regexp_like(text, pattern[, flags]): 1 when the pattern matches anywhere in the text. */
export function regexpLike(source: unknown, pattern: unknown, flags?: unknown): 0 | 1 | null {
  if (isNull(source, pattern, flags)) return null;
  return compile('regexp_like', pattern, flags).test(String(source)) ? 1 : 0;
}

/**
 * regexp_substr(text, pattern[, start[, n[, flags[, group]]]]): the n-th match from
 * character `start` (1-based), or its capture group; NULL when there is none. StackQL
 * documents the two-argument form; the rest are Postgres's.
 */
export function regexpSubstr(source: unknown, pattern: unknown, start?: unknown, n?: unknown, flags?: unknown, group?: unknown): string | null {
  if (isNull(source, pattern, start, n, flags, group)) return null;
  const text = String(source);
  const from = start === undefined ? 1 : positiveInteger('regexp_substr', 'start', start);
  const nth = n === undefined ? 1 : positiveInteger('regexp_substr', 'n', n);
  const sub = group === undefined ? 0 : Number(group);
  const re = compile('regexp_substr', pattern, flags);
  re.lastIndex = Math.min(from - 1, text.length);
  let m: RegExpExecArray | null = null;
  for (let i = 0; i < nth; i++) {
    m = re.exec(text);
    if (!m) return null;
    if (m[0] === '') re.lastIndex++;
  }
  return m?.[sub] ?? null;
}

/**
 * regexp_replace(text, pattern, replacement[, flags]): every match replaced, as StackQL's
 * function does (its test: '123-456-7890', '[0-9]', 'X' → 'XXX-XXX-XXXX'; Postgres would
 * replace the first alone without 'g'). In the replacement, \1…\9 are capture groups,
 * \& the whole match and \\ a backslash (Postgres's spelling); $ is just a character.
 */
export function regexpReplace(source: unknown, pattern: unknown, replacement: unknown, flags?: unknown): string | null {
  if (isNull(source, pattern, replacement, flags)) return null;
  if (typeof flags === 'number' || typeof flags === 'bigint') {
    throw new Error("regexp_replace: the fourth argument is flags text such as 'i'; a start position is not supported");
  }
  const re = compile('regexp_replace', pattern, flags, true);
  const with_ = String(replacement);
  return String(source).replace(re, (...m: unknown[]) => {
    // (match, group 1…n, offset, whole text[, named groups])
    const groups = m.slice(0, typeof m[m.length - 1] === 'object' ? -3 : -2) as (string | undefined)[];
    return with_.replace(/\\([0-9&\\])/g, (_, c: string) => (c === '\\' ? '\\' : c === '&' ? String(groups[0]) : (groups[Number(c)] ?? '')));
  });
}

function positiveInteger(fn: string, what: string, v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${fn}: ${what} must be a positive integer, not ${String(v)}`);
  return n;
}

/**
 * split_part(text, delimiter, n) as Postgres 14+ defines it: the n-th field (1-based),
 * counted from the end when n is negative; '' when there is no such field; n = 0 is an
 * error. An empty delimiter makes the whole text one field. (StackQL's C function returns
 * NULL past the last field; Postgres's '' is what the issue asks for.)
 */
export function splitPart(source: unknown, delimiter: unknown, n: unknown): string | null {
  if (isNull(source, delimiter, n)) return null;
  const field = Number(n);
  if (!Number.isInteger(field)) throw new Error(`split_part: the field number must be an integer, not ${String(n)}`);
  if (field === 0) throw new Error('split_part: field position must not be zero (1 is the first field, -1 the last)');
  const text = String(source);
  if (text === '') return '';
  const delim = String(delimiter);
  const parts = delim === '' ? [text] : text.split(delim);
  const i = field > 0 ? field - 1 : parts.length + field;
  return parts[i] ?? '';
}

function likeToRegExp(pattern: string, escape: string): RegExp {
  const key = `like/${escape}/${pattern}`;
  let re = cache.get(key);
  if (re) return re;
  let source = '^';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (escape !== '' && c === escape) {
      if (i + 1 >= chars.length) throw new Error(`ILIKE: the pattern '${pattern}' ends with its escape character '${escape}': double it to match it`);
      source += chars[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  re = new RegExp(`${source}$`, 'iu');
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, re);
  return re;
}

/**
 * `text ILIKE pattern [ESCAPE e]` as Postgres reads it: % and _ wildcards, backslash the
 * default escape character, case folded for every script (SQLite's LIKE folds ASCII only).
 */
export function ilike(text: unknown, pattern: unknown, escape?: unknown): 0 | 1 | null {
  if (isNull(text, pattern, escape)) return null;
  const esc = escape === undefined ? '\\' : String(escape);
  if ([...esc].length > 1) throw new Error(`ILIKE: the escape '${esc}' must be one character (or '' for none)`);
  return likeToRegExp(String(pattern), esc).test(String(text)) ? 1 : 0;
}

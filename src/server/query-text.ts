// The lexical view of a query the server needs before the engine sees it: where its
// statements end, and where its `$1` parameters are. It follows the engine's rules (the
// statement splitter and template placement: '…' strings where '' is a quote and a
// backslash is a character, "…" and `…` identifiers, -- and /* */ comments). Forms whose
// reading differs between lexers (E'…' strings with backslash escapes, $tag$ quoting,
// nested comments) are marked, so parameters are never substituted near them.

export type SegmentKind = 'code' | 'string' | 'identifier' | 'comment' | 'param' | 'ambiguous';

export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
  /** For 'param': its number. */
  n?: number;
}

const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

function endOfQuoted(sql: string, open: number, quote: string): number {
  let j = open + 1;
  for (;;) {
    j = sql.indexOf(quote, j);
    if (j < 0) return sql.length;
    if (sql[j + 1] !== quote) return j + 1;
    j += 2;
  }
}

/** E'…': a backslash escapes the next character, '' is a quote. */
function endOfEscapeString(sql: string, open: number): number {
  let j = open + 1;
  while (j < sql.length) {
    if (sql[j] === '\\') j += 2;
    else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
    else if (sql[j] === "'") return j + 1;
    else j++;
  }
  return sql.length;
}

export function segments(sql: string): Segment[] {
  const out: Segment[] = [];
  let codeStart = 0;
  const push = (kind: SegmentKind, start: number, end: number, n?: number) => {
    if (start > codeStart) out.push({ kind: 'code', start: codeStart, end: start });
    out.push({ kind, start, end, n });
    codeStart = end;
  };
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    const before = i > 0 ? sql[i - 1] : '';
    if (ch === "'") {
      // E'…' (and U&'…') read backslashes as escapes: another lexer may end them elsewhere.
      const prefix = /(?:^|[^A-Za-z0-9_$])([Ee]|[Uu]&)$/.test(sql.slice(Math.max(0, i - 3), i));
      const end = prefix ? endOfEscapeString(sql, i) : endOfQuoted(sql, i, "'");
      push(prefix ? 'ambiguous' : 'string', i, end);
      i = end;
    } else if (ch === '"' || ch === '`') {
      const end = endOfQuoted(sql, i, ch);
      push('identifier', i, end);
      i = end;
    } else if (ch === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      const end = nl < 0 ? sql.length : nl;
      push('comment', i, end);
      i = end;
    } else if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close < 0 ? sql.length : close + 2;
      // Postgres nests block comments, the engine's splitter does not.
      push(sql.slice(i + 2, end).includes('/*') ? 'ambiguous' : 'comment', i, end);
      i = end;
    } else if (ch === '$' && !IDENT_CHAR.test(before)) {
      const param = /^\$(\d+)/.exec(sql.slice(i, i + 12));
      if (param) {
        push('param', i, i + param[0].length, Number(param[1]));
        i += param[0].length;
        continue;
      }
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        const end = close < 0 ? sql.length : close + tag[0].length;
        push('ambiguous', i, end);
        i = end;
        continue;
      }
      i++;
    } else {
      i++;
    }
  }
  if (codeStart < sql.length) out.push({ kind: 'code', start: codeStart, end: sql.length });
  return out;
}

export interface Piece {
  /** The statement as written, hints and comments kept, without its `;`, trimmed. */
  text: string;
  /** Offset of its first character in the query. */
  start: number;
}

/** The statements of a query; pieces holding only comments and blanks are dropped. */
export function splitPieces(sql: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let meaningful = false;
  const flush = (end: number) => {
    const raw = sql.slice(start, end);
    if (meaningful) pieces.push({ text: raw.trim(), start: start + (raw.length - raw.trimStart().length) });
    meaningful = false;
  };
  for (const s of segments(sql)) {
    if (s.kind === 'comment') continue;
    if (s.kind !== 'code') {
      meaningful = true;
      continue;
    }
    let from = s.start;
    for (let semi = sql.indexOf(';', from); semi >= 0 && semi < s.end; semi = sql.indexOf(';', from)) {
      if (sql.slice(from, semi).trim()) meaningful = true;
      flush(semi);
      start = semi + 1;
      from = semi + 1;
    }
    if (sql.slice(from, s.end).trim()) meaningful = true;
  }
  flush(sql.length);
  return pieces;
}

/** The highest $n in the text: how many parameters the statement takes. */
export function parameterCount(sql: string): number {
  return segments(sql).reduce((max, s) => (s.kind === 'param' ? Math.max(max, s.n!) : max), 0);
}

export class ParameterError extends Error {
  constructor(
    message: string,
    readonly sqlstate: string,
  ) {
    super(message);
  }
}

/**
 * The text with each `$n` replaced by `literals[n - 1]`, each already a complete SQL
 * token (a quoted string, a number, TRUE/FALSE or NULL). Refused when the statement holds
 * a form the lexers may read differently, since a value could then leave its literal.
 */
export function substituteParameters(sql: string, literals: string[]): string {
  const segs = segments(sql);
  if (!segs.some((s) => s.kind === 'param')) return sql;
  if (segs.some((s) => s.kind === 'ambiguous')) {
    throw new ParameterError(
      "parameters ($1, …) cannot be used in a statement with E'…' or U&'…' strings, $$ quoting or nested comments: write those as plain '…' strings",
      '0A000',
    );
  }
  let out = '';
  for (const s of segs) {
    if (s.kind !== 'param') {
      out += sql.slice(s.start, s.end);
      continue;
    }
    const value = literals[s.n! - 1];
    if (value === undefined || s.n! < 1) throw new ParameterError(`there is no parameter $${s.n}`, '42P02');
    // `x -$1` with -1 must not become the comment `x --1`; a space also keeps `a$1`-like neighbours apart.
    out += out.endsWith('-') || out.endsWith('/') ? ` ${value}` : value;
  }
  return out;
}

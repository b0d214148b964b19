// Contextual escaping of `{{ }}` output in SQL (DESIGN.md habit 6, after Go's
// html/template): a value is escaped for the place it lands, so data never becomes
// statement structure. Rendering writes a marker for each value; once the whole text is
// known, one scan finds where each marker sits (a '…' string, a "…" or `…` identifier, a
// comment, a hint, or bare SQL) and writes the value there:
//   '…' string      quotes doubled: it stays inside the literal, whatever it holds
//   "…" / `…`       refused if it holds that quote character (see write())
//   -- comment      refused if it holds a line break (it would end the comment)
//   /* comment */   refused if it holds /* or */
//   /*+ hint */     one word or number (a comma or = would add hint arguments)
//   bare SQL        one token: a number, true, false or null; or SQL that a SQL-producing
//                   filter made (sql_list)
// The scan follows the same lexical rules as the statement splitter and the parser's
// normalisation (standard-SQL strings: '' is a quote, a backslash is a character).
import { randomInt } from 'node:crypto';
import { TemplateFault } from './template-fault.js';

/** Output of a filter that writes SQL itself (sql_list): placed verbatim in bare SQL. */
export class SqlText {
  constructor(readonly sql: string) {}
  toString(): string {
    return this.sql;
  }
}

/** Output of sql_escape: text already escaped for a '…' literal, so it is not escaped twice there. */
export class EscapedForLiteral {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value.replace(/'/g, "''");
  }
}

interface Placed {
  /** The value's text; for sql, the SQL itself. */
  text: string;
  kind: 'value' | 'sql' | 'escaped';
  /** How the template wrote it, for messages: `id`, `x | sql_list`. */
  name: string;
  line: number;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** One render's markers. The nonce keeps data from ever forging a marker. */
export class PlacementSession {
  private readonly nonce = String(randomInt(1e9, 1e10));
  private readonly placed: Placed[] = [];
  /** Text made by the template itself (a {% set %} block, a macro's output), holding markers. */
  private readonly fragments = new Set<string>();

  /** The marker to write in place of a value. */
  mark(value: unknown, text: string, name: string, line: number): string {
    if (this.fragments.has(text)) return text;
    if (text.includes(OPEN + this.nonce)) {
      throw new TemplateFault(
        `cannot write template ${name ? `'${name}'` : 'expression'}`,
        'it is the output of a {% set %} block or macro changed by a filter or joined with ~; write the values into the block directly',
        line,
      );
    }
    const kind = value instanceof SqlText ? 'sql' : value instanceof EscapedForLiteral ? 'escaped' : 'value';
    const stored = value instanceof EscapedForLiteral ? value.value : text;
    this.placed.push({ text: stored, kind, name, line });
    return `${OPEN}${this.nonce}:${this.placed.length - 1}${CLOSE}`;
  }

  /** Template-made text that may be written out as it is: its markers are placed where it lands. */
  fragment(text: string): void {
    if (text.includes(OPEN + this.nonce)) this.fragments.add(text);
  }

  /** The final SQL: every marker replaced by its value, escaped for where it landed. */
  place(text: string): string {
    const marker = new RegExp(`${OPEN}${this.nonce}:(\\d+)${CLOSE}`, 'y');
    let out = '';
    let i = 0;
    let state: State = 'sql';
    while (i < text.length) {
      if (text[i] === OPEN) {
        marker.lastIndex = i;
        const m = marker.exec(text);
        if (m) {
          out += this.write(this.placed[Number(m[1])], state, out.at(-1) ?? '');
          i = marker.lastIndex;
          continue;
        }
      }
      const step = advance(text, i, state);
      out += text.slice(i, step.next);
      state = step.state;
      i = step.next;
    }
    return out;
  }

  private write(p: Placed, state: State, before: string): string {
    switch (state) {
      case 'string':
        return p.text.replace(/'/g, "''");
      // Standard SQL doubles the quote inside a quoted identifier, but the parser skyql
      // uses reads "a""b" as a column and an alias: a value there may not hold the quote.
      case 'dquote':
        if (p.text.includes('"')) throw misplaced(p, 'it lands in a "quoted identifier" and holds a double quote');
        return p.text;
      case 'backtick':
        if (p.text.includes('`')) throw misplaced(p, 'it lands in a `quoted identifier` and holds a backtick');
        return p.text;
      case 'line-comment':
        if (/[\r\n]/.test(p.text)) throw misplaced(p, 'it lands in a -- comment and holds a line break, which would end the comment');
        return p.text;
      case 'block-comment':
        if (/\/\*|\*\//.test(p.text)) throw misplaced(p, 'it lands in a /* comment */ and holds /* or */');
        return p.text;
      case 'hint':
        if (!/^[\w.:-]*$/.test(p.text)) throw misplaced(p, 'it lands in a /*+ hint */, where a value must be one word or number');
        return p.text;
      case 'sql':
        return bare(p, before);
    }
  }
}

/** `before`: the character just before the value. */
function bare(p: Placed, before: string): string {
  if (p.kind === 'sql') return p.text;
  const text = p.text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    // `x -{{ n }}` with n = -1 must not become the comment `--1`.
    return /^[+-]/.test(text) && '-+*/'.includes(before) && before !== '' ? `(${text})` : text;
  }
  if (/^(true|false|null)$/i.test(text)) return text;
  throw misplaced(
    p,
    `it lands outside any quotes, where a value must be one SQL token (a number, true, false or null), not ${describe(p.text)}. ` +
      `Put it in quotes ('{{ ${p.name || '…'} }}'), or make a list with | sql_list`,
  );
}

function misplaced(p: Placed, why: string): TemplateFault {
  return new TemplateFault(`template value ${p.name ? `'${p.name}'` : '(expression)'} cannot be placed`, why, p.line);
}

function describe(text: string): string {
  if (text === '') return 'an empty string';
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}

type State = 'sql' | 'string' | 'dquote' | 'backtick' | 'line-comment' | 'block-comment' | 'hint';

/** One lexical step from `i`: how far the text in `state` runs, and the state after it. */
function advance(text: string, i: number, state: State): { next: number; state: State } {
  const ch = text[i];
  const next = text[i + 1];
  switch (state) {
    case 'sql':
      if (ch === "'") return { next: i + 1, state: 'string' };
      if (ch === '"') return { next: i + 1, state: 'dquote' };
      if (ch === '`') return { next: i + 1, state: 'backtick' };
      if (ch === '-' && next === '-') return { next: i + 2, state: 'line-comment' };
      if (ch === '/' && next === '*') return text[i + 2] === '+' ? { next: i + 3, state: 'hint' } : { next: i + 2, state: 'block-comment' };
      return { next: i + 1, state };
    case 'string':
    case 'dquote':
    case 'backtick': {
      const quote = state === 'string' ? "'" : state === 'dquote' ? '"' : '`';
      if (ch !== quote) return { next: i + 1, state };
      // A doubled quote is one quote character inside the literal.
      return next === quote ? { next: i + 2, state } : { next: i + 1, state: 'sql' };
    }
    case 'line-comment':
      return { next: i + 1, state: ch === '\n' ? 'sql' : state };
    case 'block-comment':
    case 'hint':
      return ch === '*' && next === '/' ? { next: i + 2, state: 'sql' } : { next: i + 1, state };
  }
}

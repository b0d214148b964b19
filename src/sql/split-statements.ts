// Splits a script into statements on top-level `;`, keeping each statement's position so
// parse errors point into the original text, and lifts `/*+ … */` hints out of it.

export interface Hint {
  name: string;
  args: Record<string, string>;
}

export interface StatementText {
  /** The statement with hint comments blanked out (offsets unchanged). */
  text: string;
  /** 1-based line and column of the statement's first character in the script. */
  line: number;
  column: number;
  hints: Hint[];
}

/** `/*+ statecheck, retries=5, retry_delay=5 *\/` → statecheck {retries: 5, retry_delay: 5}. */
export function parseHint(body: string): Hint[] {
  const parts = body
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const hints: Hint[] = [];
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq >= 0 && hints.length > 0) hints[hints.length - 1].args[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
    else hints.push({ name: p.toLowerCase(), args: {} });
  }
  return hints;
}

/**
 * Line and column of script offsets asked for in increasing order. Each newline is
 * passed once, so positioning every statement of a script costs one pass over it.
 */
class LineCursor {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private nextNewline: number;

  constructor(private readonly text: string) {
    this.nextNewline = text.indexOf('\n');
  }

  at(offset: number): { line: number; column: number } {
    if (offset < this.offset) throw new RangeError('LineCursor moves forward only');
    while (this.nextNewline >= 0 && this.nextNewline < offset) {
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = this.text.indexOf('\n', this.lineStart);
    }
    this.offset = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

/** The index of the quote closing the one at `open` (a doubled quote stays inside), or -1. */
export function closingQuote(text: string, open: number): number {
  const q = text[open];
  let j = open + 1;
  for (;;) {
    j = text.indexOf(q, j);
    if (j < 0 || text[j + 1] !== q) return j;
    j += 2;
  }
}

// What ends a run of ordinary characters: a quote, a comment, or a statement's `;`.
const SPECIAL = /['"`;]|--|\/\*/g;

export function splitStatements(script: string): StatementText[] {
  const out: StatementText[] = [];
  const cursor = new LineCursor(script);
  // The current statement as pieces of the script (hints blanked), joined once at its end:
  // building it a character at a time would copy long statements over and over.
  let pieces: string[] = [];
  let start = 0;
  let hints: Hint[] = [];
  const flush = (end: number) => {
    const buf = pieces.join('');
    if (buf.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim()) {
      const lead = buf.length - buf.trimStart().length;
      out.push({ text: buf.trim(), ...cursor.at(start + lead), hints });
    }
    pieces = [];
    hints = [];
    start = end;
  };
  let i = 0;
  while (i < script.length) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(script);
    const at = m ? m.index : script.length;
    if (at > i) pieces.push(script.slice(i, at));
    if (!m) break;
    let end: number;
    if (m[0] === ';') {
      flush(at + 1);
      i = at + 1;
      continue;
    } else if (m[0] === '--') {
      const nl = script.indexOf('\n', at);
      end = nl < 0 ? script.length : nl;
      pieces.push(script.slice(at, end));
    } else if (m[0] === '/*') {
      const close = script.indexOf('*/', at + 2);
      end = close < 0 ? script.length : close + 2;
      const comment = script.slice(at, end);
      if (comment.startsWith('/*+')) {
        hints.push(...parseHint(comment.slice(3, close < 0 ? undefined : -2)));
        pieces.push(comment.replace(/[^\n]/g, ' '));
      } else pieces.push(comment);
    } else {
      const close = closingQuote(script, at);
      end = close < 0 ? script.length : close + 1;
      pieces.push(script.slice(at, end));
    }
    i = end;
  }
  flush(script.length);
  return out;
}

/**
 * The statement as the grammar's keywords see it: every `-- …` and `/* … *\/` comment
 * outside quotes turned into spaces (newlines kept), so offsets and positions are the
 * text's own and a comment before, inside or after a statement hides nothing.
 */
export function blankComments(text: string): string {
  const pieces: string[] = [];
  let i = 0;
  while (i < text.length) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(text);
    const at = m ? m.index : text.length;
    if (at > i) pieces.push(text.slice(i, at));
    if (!m) break;
    let end: number;
    if (m[0] === ';') {
      end = at + 1;
      pieces.push(';');
    } else if (m[0] === '--' || m[0] === '/*') {
      const close = m[0] === '--' ? text.indexOf('\n', at) : text.indexOf('*/', at + 2);
      end = close < 0 ? text.length : m[0] === '--' ? close : close + 2;
      pieces.push(text.slice(at, end).replace(/[^\n]/g, ' '));
    } else {
      const close = closingQuote(text, at);
      end = close < 0 ? text.length : close + 1;
      pieces.push(text.slice(at, end));
    }
    i = end;
  }
  return pieces.join('');
}

/**
 * Whether text fed piece by piece (a shell's lines) ends a statement: a `;` outside
 * quotes and comments, then only whitespace or comments. Each character is looked at
 * once, however many pieces a long statement comes in.
 */
export class StatementEndScanner {
  private state: 'code' | 'quoted' | 'quote-or-close' | 'line-comment' | 'block-comment' | 'block-star' = 'code';
  private quote = '';
  /** A '-' or '/' in code: a comment starts if the next character completes it. */
  private pending = '';
  private endsWithSemicolon = false;

  push(text: string): void {
    for (const ch of text) this.step(ch);
  }

  get complete(): boolean {
    return this.state !== 'quoted' && this.state !== 'block-comment' && this.state !== 'block-star' && this.pending === '' && this.endsWithSemicolon;
  }

  private step(ch: string): void {
    switch (this.state) {
      case 'quoted':
        if (ch === this.quote) this.state = 'quote-or-close';
        return;
      case 'quote-or-close':
        // A doubled quote stays inside the string; anything else follows its end.
        if (ch === this.quote) {
          this.state = 'quoted';
          return;
        }
        this.state = 'code';
        break;
      case 'line-comment':
        if (ch === '\n') this.state = 'code';
        return;
      case 'block-comment':
        if (ch === '*') this.state = 'block-star';
        return;
      case 'block-star':
        this.state = ch === '/' ? 'code' : ch === '*' ? 'block-star' : 'block-comment';
        return;
      case 'code':
        break;
    }
    if (this.pending) {
      const opened = this.pending + ch;
      this.pending = '';
      if (opened === '--') {
        this.state = 'line-comment';
        return;
      }
      if (opened === '/*') {
        this.state = 'block-comment';
        return;
      }
      this.endsWithSemicolon = false;
    }
    if (ch === '-' || ch === '/') this.pending = ch;
    else if (ch === "'" || ch === '"' || ch === '`') {
      this.state = 'quoted';
      this.quote = ch;
      this.endsWithSemicolon = false;
    } else if (ch === ';') this.endsWithSemicolon = true;
    else if (!/\s/.test(ch)) this.endsWithSemicolon = false;
  }
}

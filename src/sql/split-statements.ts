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

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

export function splitStatements(script: string): StatementText[] {
  const out: StatementText[] = [];
  let start = 0;
  let buf = '';
  let hints: Hint[] = [];
  const flush = (end: number) => {
    if (buf.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim()) {
      const lead = buf.length - buf.trimStart().length;
      out.push({ text: buf.trim(), ...position(script, start + lead), hints });
    }
    buf = '';
    hints = [];
    start = end;
  };
  let i = 0;
  while (i < script.length) {
    const ch = script[i];
    const next = script[i + 1];
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === ch && script[j + 1] === ch) j += 2;
        else if (script[j] === ch) break;
        else j++;
      }
      buf += script.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' && next === '-') {
      const j = script.indexOf('\n', i);
      const end = j < 0 ? script.length : j;
      buf += script.slice(i, end);
      i = end;
    } else if (ch === '/' && next === '*') {
      const j = script.indexOf('*/', i + 2);
      const end = j < 0 ? script.length : j + 2;
      const comment = script.slice(i, end);
      if (comment.startsWith('/*+')) {
        hints.push(...parseHint(comment.slice(3, j < 0 ? undefined : -2)));
        buf += comment.replace(/[^\n]/g, ' ');
      } else buf += comment;
      i = end;
    } else if (ch === ';') {
      flush(i + 1);
      i++;
    } else {
      buf += ch;
      i++;
    }
  }
  flush(script.length);
  return out;
}

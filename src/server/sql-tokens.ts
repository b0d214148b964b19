// A small tokenizer for the statements the server answers itself (SET, SHOW, RESET,
// BEGIN, SELECT version(), …). Comments are skipped; '…' strings are unescaped.

export interface Token {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'end';
  /** Words as written; strings and quoted identifiers unescaped. */
  value: string;
}

const TOKEN = /\s+|--[^\n]*|\/\*[\s\S]*?\*\/|([A-Za-z_][A-Za-z0-9_$]*)|"((?:[^"]|"")*)"|'((?:[^']|'')*)'|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)|(::|[=,().;*-])/y;

/** The tokens, or undefined when the text holds anything else (then it is not ours to answer). */
export function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m || TOKEN.lastIndex === at) return undefined;
    if (m[1] !== undefined) tokens.push({ kind: 'word', value: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'quoted', value: m[2].replace(/""/g, '"') });
    else if (m[3] !== undefined) tokens.push({ kind: 'string', value: m[3].replace(/''/g, "'") });
    else if (m[4] !== undefined) tokens.push({ kind: 'number', value: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'punct', value: m[5] });
  }
  while (tokens.at(-1)?.value === ';' && tokens.at(-1)?.kind === 'punct') tokens.pop();
  tokens.push({ kind: 'end', value: '' });
  return tokens;
}

export class TokenCursor {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  isWord(...words: string[]): boolean {
    const t = this.peek();
    return t.kind === 'word' && words.includes(t.value.toUpperCase());
  }

  acceptWord(...words: string[]): string | undefined {
    if (!this.isWord(...words)) return undefined;
    return this.next().value.toUpperCase();
  }

  acceptPunct(p: string): boolean {
    const t = this.peek();
    if (t.kind !== 'punct' || t.value !== p) return false;
    this.next();
    return true;
  }

  atEnd(): boolean {
    return this.peek().kind === 'end';
  }

  /** Everything left, as written-ish: for SET's value lists. */
  rest(): Token[] {
    const out: Token[] = [];
    while (!this.atEnd()) out.push(this.next());
    return out;
  }
}

// What the completer needs to know about the statement being typed: whether the cursor
// is in code (not in a string or comment), the tokens before the word being completed,
// and the tables the statement names (with their aliases), before or after the cursor.

export interface Token {
  /** A word (`SELECT`, `aws.ec2.vpcs`, `api_id`) or one punctuation character. */
  text: string;
  word: boolean;
}

export interface TableRef {
  /** `aws.apigatewayv2.integrations`, lower-cased. */
  name: string;
  alias?: string;
}

const WORD = /[A-Za-z0-9_$.]/;

/**
 * Tokens of SQL text, strings and comments skipped. Text before the cursor is read to
 * its end, starting over after each top-level `;` (a line may hold a finished statement
 * and then the one being typed); text after the cursor only up to its first `;`. `open`
 * is set when the text ends inside a string, quoted identifier or comment.
 */
export function tokenize(text: string, part: 'before' | 'after' = 'before'): { tokens: Token[]; open: boolean } {
  let tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      for (;;) {
        j = text.indexOf(ch, j);
        if (j < 0) return { tokens, open: true };
        if (text[j + 1] !== ch) break;
        j += 2;
      }
      // A quoted identifier is still a name, but never one to complete: mark it a value.
      tokens.push({ text: text.slice(i, j + 1), word: false });
      i = j + 1;
    } else if (text.startsWith('--', i)) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return { tokens, open: true };
      i = nl + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return { tokens, open: true };
      i = end + 2;
    } else if (WORD.test(ch)) {
      let j = i + 1;
      while (j < text.length && WORD.test(text[j])) j++;
      tokens.push({ text: text.slice(i, j), word: true });
      i = j;
    } else if (ch === ';') {
      if (part === 'after') break;
      tokens = [];
      i++;
    } else {
      if (!/\s/.test(ch)) tokens.push({ text: ch, word: false });
      i++;
    }
  }
  return { tokens, open: false };
}

/** Words that end a table reference instead of naming its alias. */
const NOT_ALIAS = new Set([
  'WHERE', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'OUTER', 'FULL', 'CROSS', 'ON', 'USING', 'GROUP', 'ORDER', 'HAVING',
  'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'SET', 'VALUES', 'SELECT', 'RETURNING', 'AND', 'OR', 'AS',
]);

/** Every `provider.service.resource` the tokens name, with the alias after it if any. */
export function tableRefs(tokens: Token[], isProvider: (name: string) => boolean): TableRef[] {
  const refs: TableRef[] = [];
  tokens.forEach((t, i) => {
    const parts = t.text.split('.');
    if (!t.word || parts.length !== 3 || parts.some((p) => p === '') || !isProvider(parts[0].toLowerCase())) return;
    let next = tokens[i + 1];
    if (next?.word && next.text.toUpperCase() === 'AS') next = tokens[i + 2];
    const alias = next?.word && !next.text.includes('.') && !NOT_ALIAS.has(next.text.toUpperCase()) ? next.text : undefined;
    refs.push({ name: t.text.toLowerCase(), alias });
  });
  return refs;
}

/** Inside `INSERT INTO table (…` before its `)`: the table whose column list is being typed. */
export function insertColumnList(tokens: Token[]): string | undefined {
  const upper = tokens.map((t) => (t.word ? t.text.toUpperCase() : t.text));
  if (upper[0] !== 'INSERT' || upper[1] !== 'INTO' || upper[3] !== '(' || tokens.length < 4) return undefined;
  return upper.slice(4).includes(')') ? undefined : tokens[2].text.toLowerCase();
}

// Tab completion for the shell (readline's `completer`): SQL keywords, providers, then
// `aws.<service>.` and `aws.<service>.<resource>`, and the columns of the tables the
// statement names. Matching ignores case; readline inserts the hits' common prefix and
// lists them on a second Tab.
import type { Catalog } from '../providers/catalog.js';
import { dotCompletions, type ShellState } from './shell-dot-commands.js';
import { insertColumnList, tableRefs, tokenize, type TableRef, type Token } from './shell-statement-context.js';

export interface ColumnName {
  name: string;
  /** The CloudFormation property, which INSERT also takes (`ApiId` for `api_id`). */
  property?: string;
}

/** What completion reads from the catalog; undefined where a name is unknown. */
export interface CompletionSource {
  providers(): string[];
  services(provider: string): string[] | undefined;
  resources(provider: string, service: string): string[] | undefined;
  columns(table: string): ColumnName[] | undefined;
}

/**
 * The catalog as completion reads it. Services and resources come from the provider's
 * index; columns load one service file, on first use, and are kept.
 */
export function catalogSource(catalog: Catalog): CompletionSource {
  const columns = new Map<string, ColumnName[] | undefined>();
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch {
      return undefined; // an unknown name completes to nothing
    }
  };
  return {
    providers: () => catalog.providers(),
    services: (p) => attempt(() => catalog.index(p).services.map((s) => s.name)),
    resources: (p, s) => attempt(() => catalog.service(p, s).resources),
    columns(table) {
      if (!columns.has(table)) {
        columns.set(
          table,
          attempt(() => {
            const def = catalog.resolve(table);
            const cols: ColumnName[] = def.columns.map((c) => ({ name: c.name, property: c.property }));
            // Every resource type's rows carry their identifier too (the WHERE of a get).
            if (def.primaryIdentifier.length > 0 && !def.meta) cols.push({ name: 'data__Identifier' });
            return cols;
          }),
        );
      }
      return columns.get(table);
    },
  };
}

const STATEMENT_START = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'SHOW', 'DESCRIBE', 'EXEC'];
const KEYWORDS = [
  ...STATEMENT_START,
  'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'BETWEEN', 'EXISTS', 'AS', 'ON', 'JOIN', 'LEFT',
  'INNER', 'CROSS', 'OUTER', 'GROUP', 'BY', 'ORDER', 'ASC', 'DESC', 'HAVING', 'LIMIT', 'OFFSET', 'UNION', 'ALL',
  'DISTINCT', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'INTO', 'VALUES', 'SET', 'RETURNING', 'PROVIDERS', 'SERVICES',
  'RESOURCES', 'METHODS', 'EXTENDED', 'TRUE', 'FALSE', 'COUNT',
];
/** After these, a table name comes. */
const TABLE_POSITION = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'DESCRIBE', 'EXTENDED']);

interface Candidate {
  text: string;
  /** Appended when it is the only hit: '.' after a provider or service, ' ' after a keyword or table. */
  suffix: string;
}

export interface CompletionInput {
  /** The current line up to the cursor (what readline passes the completer). */
  before: string;
  /** The rest of the current line, after the cursor. */
  after?: string;
  /** Earlier lines of the statement being typed. */
  pending?: string;
}

/** readline's completer result: the hits and the text they complete. */
export type Completion = [string[], string];

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * The hits for `word`, ignoring case. Readline replaces the word with the hits' common
 * prefix, so hits whose spelling differs from the word only in case are given in the
 * word's own spelling where their canonical spellings share no prefix as long as it.
 */
function finish(candidates: Candidate[], word: string): Completion {
  const lower = word.toLowerCase();
  const seen = new Set<string>();
  const matches = candidates.filter((c) => {
    const key = c.text.toLowerCase();
    if (!key.startsWith(lower) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (matches.length === 1) return [[matches[0].text + matches[0].suffix], word];
  let hits = matches.map((c) => c.text);
  if (hits.length > 1 && commonPrefix(hits).length < word.length) hits = hits.map((h) => word + h.slice(word.length));
  return [hits, word];
}

function keywords(list: string[], word: string): Candidate[] {
  // Keywords follow the case the user types them in: `sel` → `select`, `SEL` or nothing → `SELECT`.
  const lower = /[a-z]/.test(word) && !/[A-Z]/.test(word);
  return list.map((k) => ({ text: lower ? k.toLowerCase() : k, suffix: ' ' }));
}

function sorted(names: string[]): string[] {
  return [...names].sort((a, b) => a.localeCompare(b));
}

function columnsOf(source: CompletionSource, refs: TableRef[], useProperties: boolean): Candidate[] {
  const names = refs.flatMap((r) => source.columns(r.name) ?? []).map((c) => (useProperties && c.property ? c.property : c.name));
  return sorted([...new Set(names)]).map((text) => ({ text, suffix: '' }));
}

/** `aws.` → services; `aws.<service>.` → resources; `<alias>.` → the aliased table's columns. */
function completeDotted(source: CompletionSource, word: string, refs: TableRef[]): Completion {
  const parts = word.split('.');
  const partial = parts.pop()!;
  const [first, second] = parts.map((p) => p.toLowerCase());
  const isProvider = source.providers().includes(first);
  if (parts.length === 1 && isProvider) {
    return finish((source.services(first) ?? []).map((s) => ({ text: s, suffix: '.' })), partial);
  }
  if (parts.length === 2 && isProvider) {
    return finish((source.resources(first, second) ?? []).map((r) => ({ text: r, suffix: ' ' })), partial);
  }
  if (parts.length === 1) {
    // `i.api_` with `FROM aws.apigatewayv2.integrations i`, or `integrations.api_`.
    const ref = refs.find((r) => r.alias?.toLowerCase() === first) ?? refs.find((r) => !r.alias && r.name.split('.')[2] === first);
    if (ref) return finish(columnsOf(source, [ref], false), partial);
  }
  return [[], partial];
}

/** Completion of SQL: the statement so far is `pending` and `before`; `after` may name its tables too. */
export function completeSql(source: CompletionSource, input: CompletionInput): Completion {
  const { before, after = '', pending = '' } = input;
  const word = /[A-Za-z0-9_$.]*$/.exec(before)![0];
  const { tokens, open } = tokenize(pending ? `${pending}\n${before}` : before);
  if (open) return [[], word];
  const prev: Token[] = word ? tokens.slice(0, -1) : tokens;
  const isProvider = (name: string) => source.providers().includes(name);
  const refs = [...tableRefs(tokens, isProvider), ...tableRefs(tokenize(after, 'after').tokens, isProvider)];
  if (word.includes('.')) return completeDotted(source, word, refs);

  const last = prev.at(-1);
  const lastWord = last?.word ? last.text.toUpperCase() : undefined;
  const first = prev[0]?.text.toUpperCase();
  if (lastWord === 'IN' && first === 'SHOW') {
    // SHOW SERVICES IN aws; SHOW RESOURCES IN aws.<service>; SHOW METHODS IN aws.<service>.<resource>
    const suffix = prev[1]?.text.toUpperCase() === 'SERVICES' ? ' ' : '.';
    return finish(source.providers().map((p) => ({ text: p, suffix })), word);
  }
  if (lastWord && TABLE_POSITION.has(lastWord)) return finish(source.providers().map((p) => ({ text: p, suffix: '.' })), word);
  if (prev.length === 0) return finish(keywords(STATEMENT_START, word), word);

  const insertInto = insertColumnList(prev);
  if (insertInto) {
    // INSERT takes the property names too; a capital first letter asks for them.
    return finish(columnsOf(source, [{ name: insertInto }], /^[A-Z]/.test(word)), word);
  }
  const columns = columnsOf(source, refs, false);
  // A word typed in lower case (or none) that can be a column of the statement's tables
  // completes to columns only: `WHERE re` → `region`, not `resources` and `returning` too.
  // Keywords are for words in capitals, and for words no column starts with.
  if (!/[A-Z]/.test(word)) {
    const lower = word.toLowerCase();
    if (columns.some((c) => c.text.toLowerCase().startsWith(lower))) return finish(columns, word);
  }
  return finish([...columns, ...keywords(KEYWORDS, word)], word);
}

export interface ShellCompleterDeps {
  source: CompletionSource;
  state: ShellState;
  /** Earlier lines of the statement being typed ('' at a fresh prompt). */
  pending(): string;
  /** The current line after the cursor (readline's `line` from its `cursor`). */
  after(): string;
}

/** readline's completer for the shell: dot-commands at the start of a fresh line, else SQL. */
export function shellCompleter(deps: ShellCompleterDeps): (line: string) => Completion {
  return (line) => {
    try {
      const pending = deps.pending();
      if (!pending && line.trimStart().startsWith('.')) return dotCompletions(line, deps.state);
      return completeSql(deps.source, { before: line, after: deps.after(), pending });
    } catch {
      // A completion problem must never disturb the line being typed.
      return [[], ''];
    }
  };
}

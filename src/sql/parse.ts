// Script text → skyql statements. Positions in errors are the script's, not a fragment's.
import { ParseError } from '../errors.js';
import { astify, columnRef } from './library-ast.js';
import { isMetadataStatement, parseMetadata } from './parse-metadata.js';
import { FormError, normalizeStatement } from './postgres-forms.js';
import { SelectQuery } from './select-query.js';
import { deleteStatement, insertStatement, updateStatement } from './write-statements.js';
import { blankComments, splitStatements, type StatementText } from './split-statements.js';
import type { Statement } from './statement.js';

function locate(st: StatementText, line: number, column: number): { line: number; column: number } {
  return line === 1 ? { line: st.line, column: st.column + column - 1 } : { line: st.line + line - 1, column };
}

function lineOf(text: string, line: number): string {
  return text.split('\n')[line - 1] ?? '';
}

/** `syntax error at line 3, column 7 near 'FORM': expected …`, then the line with a caret. */
function syntaxError(st: StatementText, line: number, column: number, found: string, expected: string[]): ParseError {
  const at = locate(st, line, column);
  // The parser reports one character; show the whole word it stopped at.
  const word = /^(?:[A-Za-z_][\w$]*|\S)/.exec(lineOf(st.text, line).slice(column - 1))?.[0] ?? found;
  const near = found ? `near '${word}'` : 'at the end of the statement';
  const want = expected.length
    ? `: expected ${expected.slice(0, 8).join(', ')}${expected.length > 8 ? ', …' : ''}`
    : '';
  const src = lineOf(st.text, line);
  const caret = `${' '.repeat(Math.max(0, column - 1))}^`;
  return new ParseError(`syntax error at line ${at.line}, column ${at.column} ${near}${want}\n  ${src}\n  ${caret}`, at.line, at.column);
}

function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * `… RETURNING a, b` / `RETURNING *` at the end of a write → the statement and columns.
 * Found in `code` (the text with comments blanked, same offsets): a comment after the list
 * or between its names is not part of it.
 */
function splitReturning(text: string, code: string): { statement: string; columns: object[] } | undefined {
  const item = '[A-Za-z_]\\w*(?:\\s+AS\\s+[A-Za-z_]\\w*)?';
  const m = new RegExp(`\\bRETURNING\\s+(\\*|${item}(?:\\s*,\\s*${item})*)\\s*$`, 'i').exec(code);
  if (!m) return undefined;
  const items = m[1] === '*' ? ['*'] : m[1].split(',').map((n) => n.trim());
  return {
    statement: text.slice(0, m.index),
    columns: items.map((n) => {
      const [name, alias] = n.split(/\s+AS\s+/i);
      return { expr: columnRef(null, name), as: alias ?? null };
    }),
  };
}

/** The user's UPDATE/DELETE with `column = 'value'` added to its WHERE, for fix hints. */
function withPredicateText(text: string, column: string, value: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const returning = /\s+RETURNING\s+[\s\S]*$/i.exec(flat);
  const body = returning ? flat.slice(0, returning.index) : flat;
  const added = `${column} = '${value}'`;
  return (/\bWHERE\b/i.test(body) ? `${body} AND ${added}` : `${body} WHERE ${added}`) + (returning?.[0] ?? '');
}

export function parseStatement(st: StatementText): Statement {
  const base = { source: { text: st.text, line: st.line, column: st.column }, hints: st.hints };
  // Keywords are looked for in the text without its comments: scripts put `-- source: …`
  // lines and `/* … */` notes before, inside and after statements.
  const code = blankComments(st.text);
  if (isMetadataStatement(code)) {
    const stmt = parseMetadata(code, (offset, message) => {
      const { line, column } = offsetToLineColumn(st.text, offset);
      const at = locate(st, line, column);
      return new ParseError(`syntax error at line ${at.line}, column ${at.column}: ${message}`, at.line, at.column);
    });
    // StackQL's SHOW INSERT /*+ REQUIRED */ INTO …: only the columns CreateResource needs.
    if (stmt.kind === 'show_insert') stmt.required = st.hints.some((h) => h.name === 'required');
    return { ...base, ...stmt };
  }
  // The grammar reads `SELECT 'a' RETURNING x` as an alias: lift a trailing RETURNING off
  // writes first and attach it to the parsed statement.
  const returning = /^\s*(INSERT|UPDATE|DELETE)\b/i.test(code) ? splitReturning(st.text, code) : undefined;
  const parsed = astify(returning ? returning.statement : st.text);
  if (!Array.isArray(parsed)) {
    if (parsed.message) throw new ParseError(`at line ${st.line}: ${parsed.message}`, st.line, st.column);
    throw syntaxError(st, parsed.line, parsed.column, parsed.found, parsed.expected);
  }
  if (parsed.length !== 1) throw new ParseError('one statement expected', st.line, st.column);
  const ast = parsed[0];
  try {
    normalizeStatement(ast, st.text);
  } catch (e) {
    if (e instanceof FormError) throw new ParseError(`at line ${st.line}: ${e.message}`, st.line, st.column);
    throw e;
  }
  if (returning) ast.returning = { type: 'returning', columns: returning.columns };
  if (ast.type === 'select') return { ...base, kind: 'select', query: new SelectQuery(ast) };
  const write =
    ast.type === 'insert' || ast.type === 'replace'
      ? insertStatement(ast)
      : ast.type === 'update'
        ? updateStatement(ast)
        : ast.type === 'delete'
          ? deleteStatement(ast)
          : undefined;
  if (write && 'kind' in write) {
    if (write.kind !== 'insert') write.targets.fixedBy = (column, value) => withPredicateText(code, column, value);
    return { ...base, ...write };
  }
  const verb = String(ast.type ?? 'this').toUpperCase();
  const message = write ? write.message : `${verb} statements are not supported; skyql runs SELECT, INSERT, UPDATE, DELETE, EXEC, SHOW and DESCRIBE`;
  throw new ParseError(`at line ${st.line}, column ${st.column}: ${message}`, st.line, st.column);
}

// Servers and shells send the same short statements again and again, and the parser
// library costs milliseconds a statement: parsed scripts are kept, by their text. A
// Statement is never changed after parsing, so one can serve every run of its text.
const PARSED_MAX = 256;
const PARSED_TEXT_MAX = 16_384;
const parsed = new Map<string, Statement[]>();

export function parseScript(script: string): Statement[] {
  const known = parsed.get(script);
  if (known) {
    // Most recently used last: the first key is the one to drop.
    parsed.delete(script);
    parsed.set(script, known);
    return [...known];
  }
  const statements = splitStatements(script).map(parseStatement);
  if (script.length <= PARSED_TEXT_MAX) {
    parsed.set(script, statements);
    if (parsed.size > PARSED_MAX) parsed.delete(parsed.keys().next().value!);
  }
  return [...statements];
}

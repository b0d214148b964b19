// A tool's statement: its {{ }} rendered from `vars` with contextual escaping (a value can
// never change the statement's shape), then parsed. Each tool call takes exactly one
// statement, and its kind is read from the parsed statement, never from the text.
import { UsageError } from '../../errors.js';
import { parseScript } from '../../sql/parse.js';
import type { Statement } from '../../sql/statement.js';
import { renderSql } from '../../template/render-template.js';
import { verbOf } from './server-mode.js';

export type Vars = Record<string, unknown>;

export interface OneStatement {
  /** The statement as it runs: rendered. */
  sql: string;
  statement: Statement;
}

export function renderStatement(text: string, vars: Vars | undefined): string {
  return renderSql(text, vars ?? {}, {
    source: 'statement',
    missingVariableHint: (name) => `pass it in the tool's vars, e.g. {"${name}": "…"}`,
  });
}

export function parseOne(sql: string): OneStatement {
  const statements = parseScript(sql);
  if (statements.length === 0) throw new UsageError('the statement is empty: pass one SQL statement.');
  if (statements.length > 1) {
    throw new UsageError(
      `one statement per call, and this has ${statements.length} (${statements.map((s) => verbOf(s.kind)).join(', ')}): call the tool once for each.`,
    );
  }
  return { sql, statement: statements[0] };
}

export function oneStatement(text: string, vars: Vars | undefined): OneStatement {
  return parseOne(renderStatement(text, vars));
}

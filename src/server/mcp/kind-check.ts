// Each tool runs one kind of statement, read from the parsed statement. A statement of
// another kind is refused, saying which tool runs it on this server, if any.
import { UsageError } from '../../errors.js';
import type { Statement } from '../../sql/statement.js';
import { modeFor, READ_KINDS, verbOf, writeKinds, writeToolName, type ServerMode, type WriteKind } from './server-mode.js';

function isWriteKind(kind: Statement['kind']): kind is WriteKind {
  return kind === 'insert' || kind === 'update' || kind === 'delete';
}

/** The tool that runs a statement of this kind on a server in this mode, or why none does. */
export function toolFor(kind: Statement['kind'], mode: ServerMode): { tool: string } | { tool: null; reason: string } {
  if (READ_KINDS.includes(kind)) return { tool: 'run_select' };
  if (isWriteKind(kind)) {
    if (writeKinds(mode).includes(kind)) return { tool: writeToolName(kind) };
    return {
      tool: null,
      reason:
        `this server runs in ${mode} mode, which refuses ${verbOf(kind)}` +
        (mode === 'read_only' ? ' and every other write' : '') +
        ` (a server started with \`skyql mcp --mode ${modeFor(kind)}\` runs it through ${writeToolName(kind)}, plan first)`,
    };
  }
  return { tool: null, reason: `skyql mcp does not run ${verbOf(kind)} statements (skyql exec does)` };
}

/** Refuses a statement that `tool` does not run. */
export function checkKind(statement: Statement, tool: string, allowed: Statement['kind'][], mode: ServerMode): void {
  if (allowed.includes(statement.kind)) return;
  const runs = [...new Set(allowed.map(verbOf))].join(', ').replace(/, (?=[^,]*$)/, ' and ');
  const other = toolFor(statement.kind, mode);
  throw new UsageError(
    `${tool} runs ${runs} only, and this statement is ${/^[AEIOU]/.test(verbOf(statement.kind)) ? 'an' : 'a'} ${verbOf(statement.kind)}: ` +
      ('reason' in other ? `${other.reason}.` : `use ${other.tool}.`) +
      ' Nothing was run.',
  );
}

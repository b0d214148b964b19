// SQLite's error wording → BackendFault: the one place that reads SQLite's messages.
import { BackendError, type BackendFault } from '../backend.js';

export function translateSqliteError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  const message = (e as Error).message ?? String(e);
  return new BackendError(faultOf(message), message);
}

function faultOf(message: string): BackendFault {
  // Names may be quoted (`t."us-east-1"`): a quoted part is taken whole.
  const missing = /no such column: (?:("[^"]*"|\w+)\.)?("[^"]*"|\S+)/.exec(message);
  const bare = (n: string) => (n.startsWith('"') ? n.slice(1, -1) : n);
  if (missing) return { kind: 'unknown_column', ...(missing[1] ? { qualifier: bare(missing[1]) } : {}), column: bare(missing[2]) };
  const ambiguous = /ambiguous column name: ([\w.]+)/.exec(message);
  if (ambiguous) return { kind: 'ambiguous_column', column: ambiguous[1] };
  const noTable = /no such table: ([\w.]+)/.exec(message);
  if (noTable) return { kind: 'unknown_table', table: noTable[1] };
  if (/Missing named parameters|Too few parameter/.test(message)) return { kind: 'parameters' };
  return { kind: 'other', message };
}

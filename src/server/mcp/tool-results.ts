// What tools hand back: JSON text, rows capped at max_rows (saying so when cut), and
// errors as results with isError and skyql's message, never a stack.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SkyqlError } from '../../errors.js';
import { rowObjects } from '../../output/format-json.js';
import type { ResultSet } from '../../contracts/result-set.js';

export const DEFAULT_MAX_ROWS = 100;
export const MAX_ROWS_LIMIT = 1000;

export function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }] };
}

export function errorMessage(e: unknown): string {
  if (e instanceof SkyqlError && e.stage !== 'internal') return e.message;
  const message = e instanceof Error ? e.message : String(e);
  return `internal error (a bug in skyql): ${message}`;
}

export function errorResult(e: unknown): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: `error: ${errorMessage(e)}` }] };
}

export interface RowsPayload {
  columns: string[];
  rows: Record<string, unknown>[];
  row_count: number;
  truncated: boolean;
  note?: string;
  notices?: string[];
}

/** Rows as JSON objects (JSON columns nested), at most `maxRows` of them. */
export function rowsPayload(rs: ResultSet, maxRows: number): RowsPayload {
  const all = rowObjects(rs);
  const truncated = all.length > maxRows;
  return {
    columns: rs.columns.map((c) => c.name),
    rows: truncated ? all.slice(0, maxRows) : all,
    row_count: all.length,
    truncated,
    ...(truncated
      ? { note: `rows cut: ${maxRows} of ${all.length} shown (max_rows=${maxRows}). Narrow the WHERE, aggregate, or pass a larger max_rows (at most ${MAX_ROWS_LIMIT}).` }
      : {}),
    ...(rs.notices?.length ? { notices: rs.notices } : {}),
  };
}

/** The calls of a dry run, one object per call. */
export function planCalls(rs: ResultSet): Record<string, unknown>[] {
  return rowObjects(rs);
}

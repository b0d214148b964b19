// A statement's answer as wire messages: RowDescription, DataRows, CommandComplete, and
// its notices. Engine results (ResultSet) and the server's own (SHOW, SELECT version())
// take the same shape here.
import type { ResultSet } from '../contracts/result-set.js';
import type { Statement } from '../sql/statement.js';
import { encodeValue, resultTypes, typeSize } from './type-oids.js';
import { wire, type WireError, type WireField } from './wire-writer.js';

export interface WireResult {
  /** undefined: the statement returns no rows (SET, BEGIN): NoData, no RowDescription. */
  columns?: { name: string; oid: number }[];
  rows: unknown[][];
  tag: string;
  notices: WireError[];
}

function tagFor(statement: Statement, rows: number): string {
  switch (statement.kind) {
    case 'insert':
      return `INSERT 0 ${rows}`;
    case 'update':
      return `UPDATE ${rows}`;
    case 'delete':
      return `DELETE ${rows}`;
    default:
      return `SELECT ${rows}`;
  }
}

export function fromResultSet(statement: Statement, rs: ResultSet): WireResult {
  const types = resultTypes(rs.columns, rs.rows);
  return {
    columns: rs.columns.map((c, i) => ({ name: c.name, oid: types[i] })),
    rows: rs.rows,
    tag: tagFor(statement, rs.rows.length),
    notices: (rs.notices ?? []).map((message) => ({ severity: 'NOTICE', code: '00000', message })),
  };
}

/** Bind's result format codes: none (all text), one (all alike), or one per column. */
export function formatOf(formats: number[], column: number): number {
  if (formats.length === 0) return 0;
  return formats.length === 1 ? formats[0] : (formats[column] ?? 0);
}

export function rowDescription(r: WireResult, formats: number[] = []): Buffer {
  return wire.rowDescription(
    (r.columns ?? []).map((c, i): WireField => ({ name: c.name, typeOid: c.oid, typeSize: typeSize(c.oid), format: formatOf(formats, i) })),
  );
}

export function dataRows(r: WireResult, from: number, to: number, formats: number[] = []): Buffer[] {
  const cols = r.columns ?? [];
  const out: Buffer[] = [];
  for (let i = from; i < to; i++) {
    const row = r.rows[i];
    out.push(wire.dataRow(cols.map((c, j) => encodeValue(row[j], c.oid, formatOf(formats, j)))));
  }
  return out;
}

import type { ResultSet } from '../contracts/result-set.js';

function value(v: unknown, json: boolean | undefined): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (json && typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch {
      return v; // not JSON after all (a user expression over the column): keep the text
    }
  }
  return v === undefined ? null : v;
}

export function rowObjects(rs: ResultSet): Record<string, unknown>[] {
  return rs.rows.map((row) => Object.fromEntries(rs.columns.map((c, i) => [c.name, value(row[i], c.json)])));
}

export function formatJson(rs: ResultSet): string {
  return JSON.stringify(rowObjects(rs), null, 2) + '\n';
}

export function formatJsonl(rs: ResultSet): string {
  return rowObjects(rs)
    .map((o) => JSON.stringify(o) + '\n')
    .join('');
}

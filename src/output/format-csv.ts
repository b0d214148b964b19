import type { ResultSet } from '../contracts/result-set.js';
import { cellText } from './result-set.js';

// RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted, quotes doubled.
function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsv(rs: ResultSet): string {
  const lines = [rs.columns.map((c) => field(c.name)).join(',')];
  for (const row of rs.rows) lines.push(row.map((v) => field(cellText(v))).join(','));
  return lines.join('\r\n') + '\r\n';
}

import type { ResultSet } from '../contracts/result-set.js';
import { cellText } from './result-set.js';

// Tab-separated with a header line: the form shell pipelines (cut, awk) read easily.
// Tabs and newlines inside values are escaped so one row stays one line.
function clean(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r?\n/g, '\\n');
}

export function formatText(rs: ResultSet): string {
  const lines = [rs.columns.map((c) => clean(c.name)).join('\t')];
  for (const row of rs.rows) lines.push(row.map((v) => clean(cellText(v))).join('\t'));
  return lines.join('\n') + '\n';
}

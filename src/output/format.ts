import { formatCsv } from './format-csv.js';
import { formatJson, formatJsonl } from './format-json.js';
import { formatTable } from './format-table.js';
import { formatText } from './format-text.js';
import type { ResultSet } from '../contracts/result-set.js';
import type { OutputFormat } from './result-set.js';

export function formatResult(rs: ResultSet, format: OutputFormat, terminalWidth?: number): string {
  switch (format) {
    case 'json':
      return formatJson(rs);
    case 'jsonl':
      return formatJsonl(rs);
    case 'csv':
      return formatCsv(rs);
    case 'text':
      return formatText(rs);
    case 'table':
      return formatTable(rs, terminalWidth);
  }
}

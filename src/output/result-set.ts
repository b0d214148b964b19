// What every statement returns to the output stage.

export interface ResultColumn {
  name: string;
  /** The value is JSON text (an object or array column): printed as text, nested in json. */
  json?: boolean;
}

export interface ResultSet {
  columns: ResultColumn[];
  rows: unknown[][];
  /** Said on stderr beside the result: what a statement chose not to do, and why. */
  notices?: string[];
}

export type OutputFormat = 'table' | 'json' | 'jsonl' | 'csv' | 'text';
export const OUTPUT_FORMATS: OutputFormat[] = ['table', 'json', 'jsonl', 'csv', 'text'];

/** A cell as text: JSON-ish values stay JSON, null is empty for csv/text and 'null' for tables. */
export function cellText(v: unknown, nullText = ''): string {
  if (v === null || v === undefined) return nullText;
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

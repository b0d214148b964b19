// Output formats and how a cell reads as text. The ResultSet itself is a contract
// between stages: src/contracts/result-set.ts.

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

// Postgres types for result columns, chosen from what a column holds (a ResultSet says
// only whether a column is JSON), and the text and binary encodings of the values.
import type { ResultColumn } from '../contracts/result-set.js';

export const OID = {
  unspecified: 0,
  bool: 16,
  name: 19,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  bpchar: 1042,
  varchar: 1043,
  numeric: 1700,
} as const;

const SIZE: Record<number, number> = { [OID.bool]: 1, [OID.int8]: 8, [OID.int4]: 4, [OID.float8]: 8 };

export function typeSize(oid: number): number {
  return SIZE[oid] ?? -1;
}

function isJsonText(v: unknown): boolean {
  if (typeof v !== 'string') return typeof v === 'object' && !Buffer.isBuffer(v);
  try {
    JSON.parse(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * int8 when every value is a whole number, float8 when every value is a number, bool
 * when every value is a boolean, json when the column is JSON and every value parses
 * (drivers parse json columns), else text. NULLs fit any type; an all-NULL column is text.
 */
export function columnType(column: ResultColumn, values: Iterable<unknown>): number {
  let ints = true;
  let numbers = true;
  let bools = true;
  let json = Boolean(column.json);
  let any = false;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    any = true;
    const isInt = typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
    ints &&= isInt;
    numbers &&= isInt || typeof v === 'number';
    bools &&= typeof v === 'boolean';
    json &&= isJsonText(v);
    if (!ints && !numbers && !bools && !json) break;
  }
  if (!any) return json ? OID.json : OID.text;
  if (json) return OID.json;
  if (ints) return OID.int8;
  if (numbers) return OID.float8;
  if (bools) return OID.bool;
  return OID.text;
}

/** Types for every column of a result. */
export function resultTypes(columns: ResultColumn[], rows: unknown[][]): number[] {
  return columns.map((c, i) => columnType(c, (function* () {
    for (const r of rows) yield r[i];
  })()));
}

function text(v: unknown, oid: number): string {
  if (typeof v === 'boolean') return oid === OID.bool ? (v ? 't' : 'f') : String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** One cell on the wire, in text (0) or binary (1) format; null for NULL. */
export function encodeValue(v: unknown, oid: number, format: number): Buffer | null {
  if (v === null || v === undefined) return null;
  if (format === 1) {
    switch (oid) {
      case OID.int8: {
        const b = Buffer.allocUnsafe(8);
        b.writeBigInt64BE(BigInt(v as number | bigint));
        return b;
      }
      case OID.int4: {
        const b = Buffer.allocUnsafe(4);
        b.writeInt32BE(Number(v));
        return b;
      }
      case OID.float8: {
        const b = Buffer.allocUnsafe(8);
        b.writeDoubleBE(Number(v));
        return b;
      }
      case OID.bool:
        return Buffer.from([v ? 1 : 0]);
      case OID.json:
      case OID.text:
        break;
    }
  }
  return Buffer.from(text(v, oid), 'utf8');
}

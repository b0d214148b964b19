// Bind parameters → SQL literals. A parameter is data, never SQL: it becomes a quoted
// string with its quotes doubled, or a bare number or boolean only when the client
// declared a numeric or boolean type and the value is one.
import { OID } from './type-oids.js';
import { ParameterError } from './query-text.js';
import { decodeUtf8, BadEncoding } from './wire-reader.js';

const NUMERIC_OIDS = new Set<number>([OID.int2, OID.int4, OID.int8, OID.float4, OID.float8, OID.numeric, OID.oid]);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A binary-format value as text, for the types clients send in binary. */
function binaryText(value: Buffer, oid: number): string {
  const size = (n: number) => {
    if (value.length !== n) throw new ParameterError(`incorrect binary data format in bind parameter (type oid ${oid})`, '22P03');
  };
  switch (oid) {
    case OID.int2:
      size(2);
      return String(value.readInt16BE());
    case OID.int4:
      size(4);
      return String(value.readInt32BE());
    case OID.int8:
      size(8);
      return value.readBigInt64BE().toString();
    case OID.float4:
      size(4);
      return String(value.readFloatBE());
    case OID.float8:
      size(8);
      return String(value.readDoubleBE());
    case OID.bool:
      size(1);
      return value[0] ? 'true' : 'false';
    case OID.unspecified:
    case OID.text:
    case OID.varchar:
    case OID.bpchar:
    case OID.name:
    case OID.json:
      return utf8(value);
    default:
      throw new ParameterError(`binary format for parameters of type oid ${oid} is not supported: send it as text`, '0A000');
  }
}

function utf8(value: Buffer): string {
  try {
    const text = decodeUtf8(value);
    if (text.includes('\0')) throw new BadEncoding('invalid byte sequence for encoding "UTF8": 0x00');
    return text;
  } catch (e) {
    throw new ParameterError((e as Error).message, '22021');
  }
}

/**
 * One literal per parameter. `types` are the OIDs the client declared in Parse (0 or
 * missing: unspecified, so text); `formats` as Bind gives them (none: all text, one: all alike).
 */
export function parameterLiterals(values: (Buffer | null)[], types: number[], formats: number[]): string[] {
  if (formats.length > 1 && formats.length !== values.length) {
    throw new ParameterError(`bind message has ${formats.length} parameter formats but ${values.length} parameters`, '08P01');
  }
  return values.map((value, i) => {
    if (value === null) return 'NULL';
    const oid = types[i] ?? OID.unspecified;
    const format = formats.length === 1 ? formats[0] : (formats[i] ?? 0);
    const text = format === 1 ? binaryText(value, oid) : utf8(value);
    if (NUMERIC_OIDS.has(oid)) {
      const t = text.trim();
      if (!NUMBER.test(t)) throw new ParameterError(`invalid input syntax for a number in parameter $${i + 1}: ${quoteLiteral(text)}`, '22P02');
      return t.startsWith('-') ? `(${t})` : t.replace(/^\+/, '');
    }
    if (oid === OID.bool) {
      const t = text.trim().toLowerCase();
      if (['t', 'true', 'y', 'yes', 'on', '1'].includes(t)) return 'TRUE';
      if (['f', 'false', 'n', 'no', 'off', '0'].includes(t)) return 'FALSE';
      throw new ParameterError(`invalid input syntax for type boolean in parameter $${i + 1}: ${quoteLiteral(text)}`, '22P02');
    }
    return quoteLiteral(text);
  });
}

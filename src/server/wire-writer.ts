// Backend (server → client) messages of the Postgres protocol, version 3.0.
// https://www.postgresql.org/docs/current/protocol-message-formats.html

/** The fields of an ErrorResponse or NoticeResponse. */
export interface WireError {
  severity: 'ERROR' | 'FATAL' | 'WARNING' | 'NOTICE';
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  /** 1-based character offset into the query text, for psql's caret. */
  position?: number;
}

/** A RowDescription field. */
export interface WireField {
  name: string;
  typeOid: number;
  typeSize: number;
  /** 0 text, 1 binary. */
  format: number;
}

function int16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n);
  return b;
}

/** A NUL-terminated string. A NUL inside would end it early and shift every later field. */
function cstring(s: string): Buffer {
  return Buffer.from(`${s.replace(/\0/g, '')}\0`, 'utf8');
}

function message(code: string, ...parts: Buffer[]): Buffer {
  const length = parts.reduce((n, p) => n + p.length, 4);
  const out = Buffer.allocUnsafe(1 + length);
  out.write(code, 0, 'latin1');
  out.writeInt32BE(length, 1);
  let at = 5;
  for (const p of parts) at += p.copy(out, at);
  return out;
}

export const wire = {
  authenticationOk: () => message('R', int32(0)),
  authenticationCleartextPassword: () => message('R', int32(3)),
  authenticationSasl: (mechanisms: string[]) => message('R', int32(10), ...mechanisms.map(cstring), Buffer.from([0])),
  authenticationSaslContinue: (data: string) => message('R', int32(11), Buffer.from(data, 'utf8')),
  authenticationSaslFinal: (data: string) => message('R', int32(12), Buffer.from(data, 'utf8')),
  parameterStatus: (name: string, value: string) => message('S', cstring(name), cstring(value)),
  backendKeyData: (pid: number, secret: number) => message('K', int32(pid), int32(secret)),
  readyForQuery: () => message('Z', Buffer.from('I', 'latin1')),
  parseComplete: () => message('1'),
  bindComplete: () => message('2'),
  closeComplete: () => message('3'),
  noData: () => message('n'),
  portalSuspended: () => message('s'),
  emptyQueryResponse: () => message('I'),
  commandComplete: (tag: string) => message('C', cstring(tag)),
  parameterDescription: (oids: number[]) => message('t', int16(oids.length), ...oids.map(int32)),

  rowDescription(fields: WireField[]): Buffer {
    const parts = [int16(fields.length)];
    for (const f of fields) {
      parts.push(cstring(f.name), int32(0), int16(0), int32(f.typeOid), int16(f.typeSize), int32(-1), int16(f.format));
    }
    return message('T', ...parts);
  },

  /** `null` cells are SQL NULL (length -1). */
  dataRow(cells: (Buffer | null)[]): Buffer {
    const parts = [int16(cells.length)];
    for (const c of cells) {
      if (c === null) parts.push(int32(-1));
      else parts.push(int32(c.length), c);
    }
    return message('D', ...parts);
  },

  error: (e: WireError) => message('E', errorFields(e)),
  notice: (e: WireError) => message('N', errorFields(e)),
  /** The single-byte answers to SSLRequest and GSSENCRequest. */
  refuseEncryption: () => Buffer.from('N', 'latin1'),
};

function errorFields(e: WireError): Buffer {
  const parts = [
    ['S', e.severity],
    ['V', e.severity],
    ['C', e.code],
    ['M', e.message],
    ['D', e.detail],
    ['H', e.hint],
    ['P', e.position === undefined ? undefined : String(e.position)],
  ]
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([k, v]) => Buffer.concat([Buffer.from(k, 'latin1'), cstring(v)]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

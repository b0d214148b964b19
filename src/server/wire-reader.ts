// Frontend (client → server) messages after startup, decoded from one whole message
// (type byte, length, body) as pg-gateway frames them.

export type FrontendMessage =
  | { type: 'query'; sql: string }
  | { type: 'parse'; name: string; sql: string; paramTypes: number[] }
  | { type: 'bind'; portal: string; statement: string; paramFormats: number[]; params: (Buffer | null)[]; resultFormats: number[] }
  | { type: 'describe'; target: 'S' | 'P'; name: string }
  | { type: 'execute'; portal: string; maxRows: number }
  | { type: 'close'; target: 'S' | 'P'; name: string }
  | { type: 'sync' }
  | { type: 'flush' }
  | { type: 'terminate' }
  /** A password, SASLInitialResponse or SASLResponse: what it holds depends on the auth step. */
  | { type: 'password'; body: Buffer }
  | { type: 'unsupported'; code: string };

/** The message breaks the protocol: the connection cannot go on (SQLSTATE 08P01). */
export class ProtocolViolation extends Error {}

/** Text that is not UTF-8 (SQLSTATE 22021). */
export class BadEncoding extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BadEncoding('invalid byte sequence for encoding "UTF8"');
  }
}

class Reader {
  private at = 5;
  constructor(private readonly buf: Buffer) {}

  private need(n: number): void {
    if (this.at + n > this.buf.length) throw new ProtocolViolation(`invalid message format: '${String.fromCharCode(this.buf[0])}' message is too short`);
  }

  byte(): number {
    this.need(1);
    return this.buf[this.at++];
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.at);
    this.at += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.at);
    this.at += 4;
    return v;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }

  cstring(): string {
    const end = this.buf.indexOf(0, this.at);
    if (end < 0) throw new ProtocolViolation('invalid message format: unterminated string');
    const v = decodeUtf8(this.buf.subarray(this.at, end));
    this.at = end + 1;
    return v;
  }

  rest(): Buffer {
    return this.buf.subarray(this.at);
  }

  count(what: string): number {
    const n = this.int16();
    if (n < 0) throw new ProtocolViolation(`invalid message format: negative ${what} count`);
    return n;
  }
}

export function readFrontendMessage(buf: Buffer): FrontendMessage {
  const code = String.fromCharCode(buf[0]);
  const r = new Reader(buf);
  switch (code) {
    case 'Q':
      return { type: 'query', sql: r.cstring() };
    case 'P': {
      const name = r.cstring();
      const sql = r.cstring();
      const n = r.count('parameter type');
      const paramTypes = Array.from({ length: n }, () => r.int32() >>> 0);
      return { type: 'parse', name, sql, paramTypes };
    }
    case 'B': {
      const portal = r.cstring();
      const statement = r.cstring();
      const paramFormats = Array.from({ length: r.count('format code') }, () => r.int16());
      const params = Array.from({ length: r.count('parameter') }, () => {
        const len = r.int32();
        return len < 0 ? null : Buffer.from(r.bytes(len));
      });
      const resultFormats = Array.from({ length: r.count('result format') }, () => r.int16());
      return { type: 'bind', portal, statement, paramFormats, params, resultFormats };
    }
    case 'D':
    case 'C': {
      const target = String.fromCharCode(r.byte());
      if (target !== 'S' && target !== 'P') throw new ProtocolViolation(`invalid ${code === 'D' ? 'DESCRIBE' : 'CLOSE'} message subtype ${target}`);
      const name = r.cstring();
      return { type: code === 'D' ? 'describe' : 'close', target, name };
    }
    case 'E':
      return { type: 'execute', portal: r.cstring(), maxRows: r.int32() };
    case 'S':
      return { type: 'sync' };
    case 'H':
      return { type: 'flush' };
    case 'X':
      return { type: 'terminate' };
    case 'p':
      return { type: 'password', body: Buffer.from(r.rest()) };
    default:
      return { type: 'unsupported', code };
  }
}

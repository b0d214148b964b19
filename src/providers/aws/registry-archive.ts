// Reads the vendored registry schemas (vendor/cfn-registry-schemas.tar.gz) at build time:
// a small reader for the ustar/pax/GNU tar formats, regular files only, over node:zlib.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function text(buf: Buffer, start: number, length: number): string {
  const field = buf.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function octal(buf: Buffer, start: number, length: number, what: string): number {
  const field = buf.subarray(start, start + length);
  // GNU base-256 for sizes ≥ 8 GiB: never in this archive, so refused rather than misread.
  if (field[0] & 0x80) throw new Error(`tar: base-256 ${what} is not supported`);
  const s = text(buf, start, length).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new Error(`tar: bad ${what} field '${s}'`);
  return parseInt(s, 8);
}

/** `key=value` records of a pax extended header ("%d %s=%s\n", the length counting itself). */
function paxRecords(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number(data.subarray(at, space).toString('ascii'));
    if (!Number.isInteger(length) || length <= 0) throw new Error('tar: bad pax record length');
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return out;
}

/** Every regular file of an uncompressed tar, by path (a leading `./` dropped). */
export function readTar(tar: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  let longName: string | undefined;
  let pax: Map<string, string> | undefined;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break; // end of archive
    const stored = octal(header, 148, 8, 'checksum');
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
    if (sum !== stored) throw new Error(`tar: header checksum mismatch at byte ${at}`);
    const size = octal(header, 124, 12, 'size');
    const type = String.fromCharCode(header[156] || 0x30);
    const data = tar.subarray(at + BLOCK, at + BLOCK + size);
    if (data.length < size) throw new Error('tar: archive ends inside a file');
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      pax = paxRecords(data);
      continue;
    }
    if (type === 'g') continue; // global pax header: nothing this reader needs
    const prefix = text(header, 345, 155);
    const name = pax?.get('path') ?? longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    pax = undefined;
    if (type !== '0' && type !== '7') continue; // directories, links and devices are skipped
    files.set(name.replace(/^\.\//, ''), Buffer.from(data));
  }
  return files;
}

/** Every regular file of a .tar.gz, by path. */
export function readTarGz(path: string): Map<string, Buffer> {
  return readTar(gunzipSync(readFileSync(path)));
}

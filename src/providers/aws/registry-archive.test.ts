import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readTar, readTarGz } from './registry-archive.js';

/** One tar entry as ustar writes it: a 512-byte header, the data padded to 512. */
function entry(name: string, data: string | Buffer, type = '0', prefix = ''): Buffer {
  const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write(type, 156);
  h.write('ustar\0' + '00', 257);
  h.write(prefix, 345, 155, 'utf8');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([h, body, pad]);
}

function pax(records: Record<string, string>): string {
  return Object.entries(records)
    .map(([k, v]) => {
      // The length counts bytes, itself included.
      const tail = Buffer.byteLength(` ${k}=${v}\n`);
      let n = tail + 1;
      while (String(n).length + tail !== n) n++;
      return `${n} ${k}=${v}\n`;
    })
    .join('');
}

test('readTar: regular files by path, across ustar prefixes, GNU long names and pax paths', () => {
  const long = `${'d'.repeat(120)}/AWS_X_Long.json`;
  const big = 'x'.repeat(1300);
  const tar = Buffer.concat([
    entry('./', '', '5'),
    entry('./AWS_X_A.json', '{"typeName":"AWS::X::A"}'),
    entry('AWS_X_B.json', big, '0', 'deep/dir'),
    entry('././@LongLink', long, 'L'),
    entry('truncated', 'long'),
    entry('PaxHeader', pax({ path: 'AWS_X_Ü.json', mtime: '1' }), 'x'),
    entry('ignored-name', 'pax'),
    entry('a-link', '', '2'),
    Buffer.alloc(1024),
  ]);
  const files = readTar(tar);
  assert.deepEqual([...files.keys()], ['AWS_X_A.json', 'deep/dir/AWS_X_B.json', long, 'AWS_X_Ü.json']);
  assert.equal(files.get('AWS_X_A.json')!.toString(), '{"typeName":"AWS::X::A"}');
  assert.equal(files.get('deep/dir/AWS_X_B.json')!.toString(), big);
  assert.equal(files.get(long)!.toString(), 'long');
  assert.equal(files.get('AWS_X_Ü.json')!.toString(), 'pax');
});

test('readTar refuses a damaged header or a file cut short', () => {
  const good = entry('a.json', '{}');
  const bad = Buffer.from(good);
  bad[0] = 'b'.charCodeAt(0);
  assert.throws(() => readTar(bad), /checksum mismatch/);
  assert.throws(() => readTar(entry('a.json', 'x'.repeat(600)).subarray(0, 700)), /ends inside a file/);
});

test('readTarGz reads the gzip layer, and the vendored archive holds the 1,489 registry schemas', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-tar-'));
  const path = join(dir, 'x.tar.gz');
  writeFileSync(path, gzipSync(Buffer.concat([entry('AWS_X_A.json', '{}'), Buffer.alloc(1024)])));
  assert.deepEqual([...readTarGz(path).keys()], ['AWS_X_A.json']);

  const vendored = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'vendor', 'cfn-registry-schemas.tar.gz');
  assert.ok(existsSync(vendored), 'vendor/cfn-registry-schemas.tar.gz is in the repository');
  const files = readTarGz(vendored);
  assert.equal(files.size, 1489);
  const integration = JSON.parse(files.get('AWS_ApiGatewayV2_Integration.json')!.toString()) as { typeName: string };
  assert.equal(integration.typeName, 'AWS::ApiGatewayV2::Integration');
});

// A 25,000-row INSERT … VALUES: parsed, checked and planned in linear time, without a
// stack overflow. (It once took 19 s at 16,000 rows and then overflowed the stack; at
// 25,000 rows that would take 45 s.) exec's action in-process, from a file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execArgs } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

let cloud: TestCloud;
let dir: string;

before(async () => {
  cloud = await startTestCloud();
  dir = mkdtempSync(join(tmpdir(), 'skyql-values-'));
});

after(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

const ROWS = 25_000;

test(`--dry-run of a ${ROWS.toLocaleString('en')}-row VALUES plans one CreateResource per row`, async (t) => {
  const tuples: string[] = [];
  for (let i = 0; i < ROWS; i++) tuples.push(`('api-${i}', 'HTTP', 'us-east-1')`);
  const sql = `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ${tuples.join(',\n  ')};\n`;
  // From a file: exec reads piped stdin with one synchronous read, which a Node parent's
  // socket refuses (EAGAIN) for input this large.
  const file = join(dir, 'insert.sql');
  writeFileSync(file, sql);
  const before = await cloud.requests();
  const started = performance.now();
  const r = await execArgs(cloud, ['exec', '-i', file, '--dry-run', '-o', 'csv']);
  const seconds = (performance.now() - started) / 1000;
  t.diagnostic(`${ROWS} rows: ${seconds.toFixed(1)} s`);
  assert.equal(r.code, 0, r.stderr.slice(0, 2000));
  const lines = r.stdout.trimEnd().split('\r\n');
  assert.equal(lines[0], 'operation,region,type_name,identifier,request');
  const calls = lines.slice(1);
  assert.equal(calls.length, ROWS);
  assert.equal(calls.filter((l) => l.startsWith('CreateResource,us-east-1,AWS::ApiGatewayV2::Api,')).length, ROWS);
  assert.match(calls[0], /"Name"":""api-0""/);
  assert.match(calls[ROWS - 1], new RegExp(`"Name"":""api-${ROWS - 1}""`));
  assert.equal(await cloud.requests(), before, 'a dry run makes no calls');
  // Linear work takes 1-2 s on an idle 2-core machine and 5 s on a busy one; the quadratic
  // version would take 45 s (or overflow). Generous, so that a loaded machine never fails it.
  assert.ok(seconds < 30, `${ROWS} rows took ${seconds.toFixed(1)} s`);
});

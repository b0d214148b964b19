// --outfile is opened before the first statement runs: a path that cannot be written is a
// usage error before any API call. A write that fails later (stdout: /dev/full as the
// outfile) loses nothing: the results, request tokens included, go to stdout instead.
// The exec command runs in-process (runCommand, as main.ts runs it) where nothing reaches
// stdout; the fallback to stdout runs bin/skyql.js.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execCommand } from '../../src/cli/exec-command.js';
import { runCli } from '../support/cli.js';
import { runCommand } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

let cloud: TestCloud;
let dir: string;

before(async () => {
  cloud = await startTestCloud();
  dir = mkdtempSync(join(tmpdir(), 'skyql-outfile-'));
});

after(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (name: string) => `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('${name}', 'HTTP', 'us-east-1')`;

test('an outfile that cannot be written is refused before any call, in one line, exit 2', async () => {
  writeFileSync(join(dir, 'a-file'), '');
  const locked = join(dir, 'locked');
  mkdirSync(locked, { mode: 0o500 });
  const cases: [string, RegExp][] = [
    [join(dir, 'missing', 'out.csv'), /its folder does not exist: create it first/],
    [dir, /it is a folder: give a file name inside it/],
    [join(dir, 'a-file', 'out.csv'), /a part of its path is a file, not a folder/],
  ];
  // root may write anywhere: the permission case needs an ordinary user.
  if (process.getuid?.() !== 0) cases.push([join(locked, 'out.csv'), /permission denied: choose a path you can write to/]);
  const before = await cloud.requests();
  // Once through the CLI: nothing reaches stdout either.
  const cli = await runCli(['exec', `${insert('never')}; SELECT 1 AS a`, '--outfile', cases[0][0]], { env: cloud.env });
  assert.equal(cli.code, 2, cli.stderr);
  assert.equal(cli.stdout, '');
  assert.match(cli.stderr, cases[0][1]);
  for (const [outfile, problem] of cases) {
    const r = await runCommand(execCommand(), [`${insert('never')}; SELECT 1 AS a`, '--outfile', outfile, '--endpoint-url', cloud.endpoint]);
    assert.equal(r.code, 2, `${outfile}: ${r.stderr}`);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0].startsWith(`error: cannot write --outfile ${outfile}: `), lines[0]);
    assert.match(lines[0], problem);
  }
  assert.equal(await cloud.requests(), before, 'no statement ran');
  chmodSync(locked, 0o700);
});

test('an outfile that fails while written: the results go to stdout, one line says so, exit 1', { skip: !existsSync('/dev/full') && 'no /dev/full' }, async () => {
  const before = await cloud.requests();
  const r = await runCli(['exec', `SELECT 1 AS a; ${insert('kept-1')}; ${insert('kept-2')}`, '--outfile', '/dev/full', '-o', 'jsonl'], { env: cloud.env });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, 'error: cannot write --outfile /dev/full: no space left on device (ENOSPC); the results were written to stdout instead\n');
  const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(rows[0], { a: 1 });
  const tokens = rows.slice(1).map((e) => e.request_token);
  assert.equal(tokens.length, 2, r.stdout);
  for (const t of tokens) assert.match(String(t), /\S/, 'each create says its request token');
  assert.equal(await cloud.requests(), before + 2);
  // JSON is written at the end, as one document: the same holds there.
  const json = await runCli(['exec', 'SELECT 1 AS a; SELECT 2 AS b', '--outfile', '/dev/full', '-o', 'json']);
  assert.equal(json.code, 1, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout), [[{ a: 1 }], [{ b: 2 }]]);
  assert.match(json.stderr, /^error: cannot write --outfile \/dev\/full: .*; the results were written to stdout instead\n$/);
});

test('a writable outfile gets every result, and an existing file is replaced', async () => {
  const out = join(dir, 'out.csv');
  writeFileSync(out, 'old content that is longer than the new\n');
  const r = await runCommand(execCommand(), ['SELECT 1 AS a; SELECT 2 AS b', '--outfile', out, '-o', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(out, 'utf8'), 'a\r\n1\r\nb\r\n2\r\n');
});

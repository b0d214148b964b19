// `skyql docs … --out DIR` checks DIR before writing any page: a folder, or a path where
// one can be made. Anything else is one line and exit 2, quickly (never mkdir's endless
// retry under /proc). The docs command runs in-process as main.ts runs it (runCommand);
// the CLI itself prints a page once.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { docsCommand } from '../../src/cli/docs-command.js';
import { repoRoot, runCli } from '../support/cli.js';
import { runCommand } from '../support/exec-harness.js';

let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'skyql-docs-'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function refused(args: string[], problem: RegExp): Promise<void> {
  assert.equal(args[0], 'docs');
  const r = await runCommand(docsCommand(), args.slice(1));
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], problem);
  assert.doesNotMatch(lines[0], /internal error/);
}

test('--out that is a file, or under one, is a usage error and nothing is written', async () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'mine');
  await refused(['docs', 'aws', '--out', file], /^error: --out .*a-file: it is a file, not a folder: give a folder \(it is created if missing\)$/);
  await refused(['docs', 'aws.apigatewayv2.apis', '--out', file], /it is a file, not a folder/);
  await refused(['docs', 'aws.apigatewayv2', '--out', join(file, 'sub')], /a part of its path is a file, not a folder/);
  assert.equal(readFileSync(file, 'utf8'), 'mine');
});

test('--out under /proc fails at once, in one line', { skip: !existsSync('/proc/self') && 'no /proc' }, async () => {
  const started = performance.now();
  await refused(['docs', 'aws', '--out', '/proc/skyql-docs/deeper'], /^error: --out \/proc\/skyql-docs\/deeper: cannot create it: .*; choose another folder$/);
  await refused(['docs', 'aws.apigatewayv2.apis', '--out', '/proc'], /^error: --out \/proc: cannot write into it: .*; choose another folder$/);
  // The endless loop never ended at all.
  assert.ok(performance.now() - started < 15_000, 'no retry loop');
});

test('a missing --out folder is made, parents and all; an existing one is written into', async () => {
  const out = join(dir, 'new', 'nested');
  const r = await runCommand(docsCommand(), ['aws.apigatewayv2', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^wrote \d+ resource pages in 1 services to /);
  const pages = readdirSync(join(out, 'apigatewayv2'));
  assert.ok(pages.includes('index.md') && pages.includes('apis.md'), pages.join(' '));
  assert.deepEqual(readdirSync(out), ['apigatewayv2'], 'the write check leaves nothing behind');
  const again = await runCommand(docsCommand(), ['aws.apigatewayv2.apis', '--out', out]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(readFileSync(join(out, 'aws.apigatewayv2.apis.md'), 'utf8'), /apis/);
});

test('skyql docs prints a resource page on stdout (the golden page: metadata.test.ts)', async () => {
  const r = await runCli(['docs', 'aws.apigatewayv2.integrations']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, readFileSync(join(repoRoot, 'test', 'golden', 'aws.apigatewayv2.integrations.md'), 'utf8'));
});

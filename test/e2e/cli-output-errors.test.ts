// When stdout fails: a reader that goes away (`skyql … | head -1`) ends skyql quietly, as
// it ends any command-line tool; any other write error (stdout on /dev/full) is one line
// and a non-zero exit. Real child processes and real pipes, for exec and for shell.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot, skyqlBin } from '../support/cli.js';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** What the reader got, when there was one. */
  read: string;
}

/** More than a pipe holds (64 KiB on Linux): skyql is still writing when the reader leaves. */
const LONG = Array.from({ length: 6 }, () => 'SHOW SERVICES IN aws').join('; ');

function ended(child: ReturnType<typeof spawn>, read: () => string): Promise<Ended> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, read: read() });
    });
  });
}

/**
 * skyql with stdout into `head -1`, a real reader that leaves after one line. The test
 * process keeps no end of that pipe open, so skyql's next write fails with EPIPE.
 */
function intoHead(args: string[], input = ''): Promise<Ended> {
  const skyql = spawn(process.execPath, [skyqlBin, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  const head = spawn('head', ['-1'], { stdio: [skyql.stdout, 'pipe', 'ignore'] });
  skyql.stdout.destroy();
  let read = '';
  head.stdout.on('data', (d: Buffer) => (read += d.toString()));
  skyql.stdin.end(input);
  return ended(skyql, () => read);
}

/** skyql whose stdout reader is gone before it writes anything. */
function intoClosedPipe(args: string[], input = ''): Promise<Ended> {
  const skyql = spawn(process.execPath, [skyqlBin, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  skyql.stdout.destroy();
  skyql.stdin.end(input);
  return ended(skyql, () => '');
}

/** skyql with stdout on /dev/full: every write fails with ENOSPC. */
function intoDevFull(args: string[], input = ''): Promise<Ended> {
  const fd = openSync('/dev/full', 'w');
  const skyql = spawn(process.execPath, [skyqlBin, ...args], { cwd: repoRoot, stdio: ['pipe', fd, 'pipe'] });
  closeSync(fd);
  skyql.stdin!.end(input);
  return ended(skyql, () => '');
}

test('exec and shell end quietly when their reader closes the pipe', async () => {
  const runs: [string, Promise<Ended>][] = [
    ['exec | head -1', intoHead(['exec', LONG])],
    ['shell | head -1', intoHead(['shell'], `${LONG};\n`)],
    ['exec into a closed pipe', intoClosedPipe(['exec', 'SHOW SERVICES IN aws'])],
    ['shell into a closed pipe', intoClosedPipe(['shell', '-o', 'csv'], 'SHOW SERVICES IN aws;\nSHOW PROVIDERS;\n')],
  ];
  for (const [what, run] of runs) {
    const r = await run;
    assert.equal(r.stderr, '', `${what}: nothing on stderr`);
    assert.deepEqual([r.code, r.signal], [0, null], what);
  }
  assert.match((await runs[0][1]).read, /^\|-+\|/, 'head got the first line');
});

test('any other output error is one line and a non-zero exit, for exec and shell', { skip: !existsSync('/dev/full') && 'no /dev/full' }, async () => {
  for (const [args, input] of [
    [['exec', 'SHOW SERVICES IN aws'], ''],
    [['exec', 'SELECT 1 AS a', '-o', 'json'], ''],
    [['shell'], 'SHOW PROVIDERS;\nSELECT 1 AS a;\n'],
  ] as const) {
    const r = await intoDevFull([...args], input);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, 'error: cannot write output: no space left on device (ENOSPC)\n');
  }
});

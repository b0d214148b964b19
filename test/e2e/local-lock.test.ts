// One local cloud per state file: a second `skyql local` on the same file refuses to start,
// naming the first one's pid; the lock goes away on SIGTERM/SIGINT, and one left by a
// process killed with SIGKILL does not block a restart. In-process clouds take the same lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { startLocalCloud } from '../../src/local/server.js';
import { client, packageRoot, spawnLocal } from '../support/local-harness.js';

/** `skyql local` through bin/skyql.js, run to its exit. */
function runLocal(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'skyql.js'), 'local', ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

test('a second server on the same state file is refused naming the first; after SIGKILL a restart works', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-lock-'));
  const state = join(dir, 'state.sqlite');
  let first = await spawnLocal(['--port', '0', '--state', state], { viaBin: true });
  try {
    const pid = first.child.pid!;
    assert.equal(readFileSync(`${state}.lock`, 'utf8'), `${pid}\n`);

    const second = await runLocal(['--port', '0', '--state', state]);
    assert.equal(second.code, 2);
    assert.equal(second.stdout, '', 'never listened');
    assert.equal(
      second.stderr,
      `error: state file ${state} is in use by another skyql local (pid ${pid}); stop it, or pass --state with another file\n`,
    );
    assert.equal(readFileSync(`${state}.lock`, 'utf8'), `${pid}\n`, 'the refused server left the lock alone');

    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    assert.ok(existsSync(`${state}.lock`), 'SIGKILL leaves the lock behind');

    first = await spawnLocal(['--port', '0', '--state', state], { viaBin: true });
    assert.equal(readFileSync(`${state}.lock`, 'utf8'), `${first.child.pid}\n`, 'the stale lock was taken over');
    const cc = client(first.endpoint, 'us-east-1', { maxAttempts: 1 });
    assert.deepEqual((await cc.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' }))).ResourceDescriptions, []);
    cc.destroy();
  } finally {
    first.child.kill('SIGKILL');
    await first.exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM and SIGINT release the lock', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-lock-'));
  const state = join(dir, 'state.sqlite');
  try {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const p = await spawnLocal(['--port', '0', '--state', state], { viaBin: true });
      assert.ok(existsSync(`${state}.lock`));
      p.child.kill(signal);
      assert.deepEqual(await p.exited, { code: 0, signal: null }, p.stderr());
      assert.ok(!existsSync(`${state}.lock`), `released on ${signal}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('in-process clouds take the same lock; :memory: clouds need none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-lock-'));
  const state = join(dir, 'state.sqlite');
  try {
    const a = await startLocalCloud({ port: 0, state });
    await assert.rejects(startLocalCloud({ port: 0, state }), new RegExp(`in use by another skyql local \\(pid ${process.pid}, this process\\)`));
    const other = await startLocalCloud({ port: 0, state: join(dir, 'other.sqlite') });
    await other.close();
    await a.close();
    assert.ok(!existsSync(`${state}.lock`));
    const b = await startLocalCloud({ port: 0, state });
    await b.close();
    const [m1, m2] = await Promise.all([startLocalCloud({ port: 0 }), startLocalCloud({ port: 0, state: ':memory:' })]);
    await Promise.all([m1.close(), m2.close()]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

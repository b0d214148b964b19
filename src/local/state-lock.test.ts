import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { lockStateFile } from './state-lock.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-lock-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A pid that was running a moment ago and no longer is. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

test('a lock file beside the state file holds our pid; a second lock on the same file is refused until released', () => {
  withDir((dir) => {
    const state = join(dir, 'sub', 'state.sqlite');
    const lock = lockStateFile(state)!;
    assert.equal(lock.path, `${state}.lock`);
    assert.equal(readFileSync(lock.path, 'utf8'), `${process.pid}\n`);
    // Spelled differently, through a symlinked directory: the same file, the same lock.
    symlinkSync(join(dir, 'sub'), join(dir, 'alias'));
    for (const other of [state, join(dir, 'sub', '..', 'sub', 'state.sqlite'), join(dir, 'alias', 'state.sqlite')]) {
      assert.throws(
        () => lockStateFile(other),
        (e: Error) =>
          e instanceof UsageError &&
          e.message === `state file ${state} is in use by another skyql local (pid ${process.pid}, this process); stop it, or pass --state with another file`,
      );
    }
    lock.release();
    lock.release();
    assert.ok(!existsSync(lock.path));
    const again = lockStateFile(state)!;
    again.release();
  });
});

test('a lock left by a dead process, or by an earlier process with our pid, is taken over', () => {
  withDir((dir) => {
    const state = join(dir, 'state.sqlite');
    for (const stale of [`${deadPid()}\n`, `${process.pid}\n`, '', 'garbage']) {
      writeFileSync(`${state}.lock`, stale);
      const lock = lockStateFile(state)!;
      assert.equal(readFileSync(lock.path, 'utf8'), `${process.pid}\n`, JSON.stringify(stale));
      lock.release();
    }
  });
});

test('a lock held by another live process is refused naming its pid, and left alone', () => {
  withDir((dir) => {
    const state = join(dir, 'state.sqlite');
    // The parent of this test process is alive for as long as we run.
    writeFileSync(`${state}.lock`, `${process.ppid}\n`);
    assert.throws(() => lockStateFile(state), new RegExp(`in use by another skyql local \\(pid ${process.ppid}\\)`));
    assert.equal(readFileSync(`${state}.lock`, 'utf8'), `${process.ppid}\n`);
  });
});

test(':memory: needs no lock', () => {
  assert.equal(lockStateFile(':memory:'), undefined);
  assert.equal(lockStateFile(':memory:'), undefined);
});

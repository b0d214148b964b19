// One local cloud per state file. Two servers on one file would each answer for it, and
// each finishes only the requests it knows are due (its own timer): a request one of them
// acknowledged is left IN_PROGRESS in the other's answers. So a server locks its state
// file before opening it, with a file beside it, `<state>.lock`, holding the owner's pid.
//
// Node has no flock, so a lock left behind by a process that could not clean up (kill -9)
// is recognised by its pid no longer running, and taken over. Known limits: a dead
// owner's pid reused by an unrelated live process makes the lock look held (the message
// names the pid, so it can be checked), and two servers starting at the same instant over
// the same stale lock could both take it over.
import { linkSync, mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

export interface StateLock {
  /** The lock file. */
  readonly path: string;
  /** Removes the lock file if it is still ours; safe to call more than once. */
  release(): void;
}

/** Lock files this process holds: a second in-process server on the same file is refused too. */
const held = new Set<string>();
let exitHook = false;

/** Locks `state` for this process, or throws UsageError naming the pid that holds it. No lock for `:memory:`. */
export function lockStateFile(state: string): StateLock | undefined {
  if (state === ':memory:' || state === '') return undefined;
  // One lock per file, however it is spelled: the directory's real path (the file may not exist yet).
  const dir = dirname(resolve(state));
  mkdirSync(dir, { recursive: true });
  const file = join(realpathSync(dir), basename(state));
  const path = `${file}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(path)) {
      held.add(path);
      if (!exitHook) {
        // A backstop for exits that skip close(); SIGKILL skips this too, hence the pid check.
        process.on('exit', () => held.forEach(release));
        exitHook = true;
      }
      return { path, release: () => release(path) };
    }
    const owner = read(path);
    if (owner === undefined) continue; // released between our attempt and the read
    const pid = Number(owner);
    const valid = Number.isSafeInteger(pid) && pid > 0;
    // Our own pid in a lock we do not hold is a previous process's (pids restart in containers).
    if (held.has(path) || (valid && pid !== process.pid && alive(pid))) throw inUse(file, pid);
    removeIf(path, owner);
  }
  throw inUse(file, Number(read(path)));
}

function inUse(file: string, pid: number): UsageError {
  const who = !Number.isSafeInteger(pid) ? 'pid unknown' : pid === process.pid ? `pid ${pid}, this process` : `pid ${pid}`;
  return new UsageError(`state file ${file} is in use by another skyql local (${who}); stop it, or pass --state with another file`);
}

/** Creates the lock file holding our pid; false if it exists. Written aside and linked, so it is never seen empty. */
function create(path: string): boolean {
  const content = `${process.pid}\n`;
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    linkSync(temp, path);
    return true;
  } catch (e) {
    if (code(e) === 'EEXIST') return false;
    // Filesystems without hard links: an exclusive create (briefly empty) instead.
    try {
      writeFileSync(path, content, { flag: 'wx' });
      return true;
    } catch (e2) {
      if (code(e2) === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // never written, or already gone
    }
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (e) {
    if (code(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/** Removes the lock file if it still holds `owner` (someone else may have replaced it since we read it). */
function removeIf(path: string, owner: string): void {
  if (read(path) !== owner) return;
  try {
    unlinkSync(path);
  } catch (e) {
    if (code(e) !== 'ENOENT') throw e;
  }
}

function release(path: string): void {
  if (!held.delete(path)) return;
  removeIf(path, String(process.pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return code(e) === 'EPERM';
  }
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

// The folder `skyql docs --out DIR` writes into, checked before the first page: it must be
// a folder, or not exist yet and be creatable. Folders are made one level at a time, not
// with mkdir's `recursive` option: under /proc, mkdir says ENOENT for a parent that
// exists, and Node's recursive mkdir then goes back and forth between the two forever.
import { accessSync, constants, mkdirSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { ioProblem } from '../output/stream-errors.js';

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Makes `dir` and any missing parents; throws the first refusal as it came. */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  let stats = statOrUndefined(at);
  while (!stats) {
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
    stats = statOrUndefined(at);
  }
  if (stats && !stats.isDirectory()) throw Object.assign(new Error(`${at} is a file, not a folder`), { code: 'ENOTDIR' });
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (e) {
      // Made meanwhile by someone else: as good as made here.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(path).isDirectory()) throw e;
    }
  }
}

/**
 * Checks `dir` as a place to write pages, creating it if it does not exist: anything
 * else is a one-line UsageError naming the problem.
 */
export function prepareOutFolder(dir: string): void {
  const refuse = (problem: string) => new UsageError(`--out ${dir}: ${problem}`);
  let stats: Stats | undefined;
  try {
    stats = statOrUndefined(dir);
  } catch (e) {
    const problem = (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a part of its path is a file, not a folder' : ioProblem(e);
    throw refuse(`${problem}: give a folder (it is created if missing)`);
  }
  if (stats && !stats.isDirectory()) throw refuse('it is a file, not a folder: give a folder (it is created if missing)');
  if (!stats) {
    try {
      makeFolder(dir);
    } catch (e) {
      throw refuse(`cannot create it: ${ioProblem(e)}; choose another folder`);
    }
  }
  // A folder may exist and still refuse new files (permissions, a read-only or pseudo
  // file system such as /proc): try one before writing any page.
  const probe = join(dir, `.skyql-write-check-${process.pid}`);
  try {
    accessSync(dir, constants.W_OK);
    writeFileSync(probe, '', { flag: 'wx' });
  } catch (e) {
    throw refuse(`cannot write into it: ${ioProblem(e)}; choose another folder`);
  }
  rmSync(probe, { force: true });
}

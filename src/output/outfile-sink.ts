// --outfile: opened when it is given, before any statement runs, so a path that cannot be
// written is refused before the first API call. A write that fails later (a full disk)
// must not lose results whose calls were made: they all go to stdout instead.
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { ioProblem } from './stream-errors.js';

function openProblem(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'its folder does not exist: create it first, or choose another path';
    case 'EISDIR':
      return 'it is a folder: give a file name inside it';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: choose a path you can write to';
    case 'EROFS':
      return 'the file system is read-only: choose another path';
    default:
      return ioProblem(e);
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  // writeSync may write less than it was given (a disk filling up): go on until all is
  // written, or it throws.
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

export class OutfileSink {
  private fd: number | undefined;
  /** Everything given so far, for stdout should the file fail. */
  private readonly given: string[] = [];
  private problem?: string;

  /** Opens (creates or empties) the file now: throws a UsageError naming what is wrong. */
  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (e) {
      throw new UsageError(`cannot write --outfile ${path}: ${openProblem(e)}`);
    }
  }

  write(text: string): void {
    if (this.problem !== undefined) {
      process.stdout.write(text);
      return;
    }
    this.given.push(text);
    try {
      writeAll(this.fd!, text);
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * Closes the file. Returns undefined when every result is in it; otherwise the message
   * to report (the results are then on stdout).
   */
  close(): string | undefined {
    if (this.fd !== undefined) {
      const fd = this.fd;
      this.fd = undefined;
      try {
        closeSync(fd);
      } catch (e) {
        // Some file systems report a failed write only at close.
        if (this.problem === undefined) this.fail(e);
      }
    }
    this.given.length = 0;
    if (this.problem === undefined) return undefined;
    return `cannot write --outfile ${this.path}: ${this.problem}; the results were written to stdout instead`;
  }

  /** From here on results go to stdout, starting with all of those given so far. */
  private fail(e: unknown): void {
    this.problem = ioProblem(e);
    if (this.fd !== undefined) {
      try {
        // A part of the results would look like all of them: leave the file empty.
        ftruncateSync(this.fd, 0);
      } catch {
        // /dev/full and the like cannot be truncated; there is nothing in them to remove.
      }
    }
    process.stdout.write(this.given.join(''));
    this.given.length = 0;
  }
}

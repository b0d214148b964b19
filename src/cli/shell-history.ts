// The shell's persistent history: one entry per statement (or dot-command) typed at a
// terminal, kept in the XDG data directory across sessions. A piped script never
// touches it.
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const HISTORY_LIMIT = 1_000;
// The file may grow a tenth past the limit before it is rewritten: two shells appending
// at once then rarely race a rewrite, and a session does not rewrite it per statement.
const slack = (limit: number) => Math.ceil(limit / 10);

/** `$XDG_DATA_HOME/skyql/shell_history`, or `~/.local/share/skyql/shell_history`. */
export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  // The XDG spec ignores a relative XDG_DATA_HOME; so does `skyql local` for its state.
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'skyql', 'shell_history');
}

// One entry per line: a multi-line statement keeps its newlines as `\n`, and `\` is doubled.
export function encodeEntry(entry: string): string {
  return entry.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function decodeEntry(line: string): string {
  return line.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** The history file: read once at start, appended per entry, trimmed to the newest entries. */
export class HistoryFile {
  private lines = 0;

  constructor(
    readonly path: string,
    private readonly limit = HISTORY_LIMIT,
  ) {}

  /** The newest `limit` entries, oldest first. */
  load(): string[] {
    const lines = readLines(this.path);
    this.lines = lines.length;
    return lines.slice(-this.limit).map(decodeEntry);
  }

  append(entry: string): void {
    // Statements may hold secrets ({{ }} values, passwords in SQL): only the user reads the file.
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    appendFileSync(this.path, encodeEntry(entry) + '\n', { mode: 0o600 });
    if (++this.lines > this.limit + slack(this.limit)) this.trim();
  }

  private trim(): void {
    // Read again: another shell may have appended since this one started.
    const keep = readLines(this.path).slice(-this.limit);
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, keep.map((l) => l + '\n').join(''), { mode: 0o600 });
    renameSync(tmp, this.path);
    this.lines = keep.length;
  }
}

/**
 * The session's history, newest first as readline keeps it. Readline adds each line as it
 * is entered; a statement of several lines is one entry here, so this list is the truth
 * and readline's array is set from it whenever readline changes it.
 */
export class ShellHistory {
  private readonly entries: string[];
  private live?: string[];
  private warned = false;

  constructor(
    private readonly file: HistoryFile | undefined,
    private readonly warn: (message: string) => void = () => {},
    private readonly limit = HISTORY_LIMIT,
  ) {
    let loaded: string[] = [];
    try {
      loaded = file?.load() ?? [];
    } catch (e) {
      this.failed(e);
    }
    this.entries = loaded.reverse();
  }

  /** For readline's `history` option: the entries, newest first. */
  initial(): string[] {
    return [...this.entries];
  }

  /**
   * Readline's 'history' event hands over its own array, which a listener may change (the
   * documented way to keep lines out of it): undo readline's per-line addition.
   */
  readonly onReadlineHistory = (history: string[]): void => {
    this.live = history;
    this.sync();
  };

  /** A statement or dot-command as the user typed it, lines joined by newlines. */
  add(entry: string): void {
    const text = entry.trim();
    if (!text) return;
    // A statement run again right after itself is kept once, here and in the file.
    const repeat = this.entries[0] === text;
    if (!repeat) {
      this.entries.unshift(text);
      if (this.entries.length > this.limit) this.entries.pop();
    }
    this.sync();
    if (repeat || !this.file || this.warned) return;
    try {
      this.file.append(text);
    } catch (e) {
      this.failed(e);
    }
  }

  list(): readonly string[] {
    return this.entries;
  }

  private sync(): void {
    if (this.live) this.live.splice(0, this.live.length, ...this.entries);
  }

  private failed(e: unknown): void {
    if (this.warned) return;
    this.warned = true;
    const err = e as NodeJS.ErrnoException;
    this.warn(`shell history is not saved to ${this.file?.path}: ${err.code ?? err.message}`);
  }
}

// The CLI's error boundary: skyql errors print as one clear message, bugs say they are bugs.
import { SkyqlError, WriteReportError } from '../errors.js';

/** A write whose outcome is unknown for some row: distinct, so scripts never rerun it blind. */
export const EXIT_STATE_UNKNOWN = 3;

/** Prints `e` as the CLI does (to stderr unless `write` is given) and returns its exit code. */
export function reportError(e: unknown, write: (text: string) => void = (t) => void process.stderr.write(t)): number {
  if (e instanceof SkyqlError && e.stage !== 'internal') {
    write(`error: ${e.message}\n`);
    if (e instanceof WriteReportError && e.outcome === 'unknown') return EXIT_STATE_UNKNOWN;
    return e.stage === 'usage' ? 2 : 1;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  write(`internal error (a bug in skyql, please report it): ${err.message}\n`);
  if (process.env.SKYQL_DEBUG) write(`${err.stack}\n`);
  return 70;
}

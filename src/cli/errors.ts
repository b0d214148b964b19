// The CLI's error boundary: skyql errors print as one clear message, bugs say they are bugs.
import { SkyqlError } from '../errors.js';

export function reportError(e: unknown): number {
  if (e instanceof SkyqlError && e.stage !== 'internal') {
    process.stderr.write(`error: ${e.message}\n`);
    return e.stage === 'usage' ? 2 : 1;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`internal error (a bug in skyql, please report it): ${err.message}\n`);
  if (process.env.SKYQL_DEBUG) process.stderr.write(`${err.stack}\n`);
  return 70;
}

// What happens when the output itself fails. A reader that goes away (`skyql … | head -1`)
// ends the process quietly, as every command-line tool ends on a closed pipe; any other
// write error (a full disk, /dev/full) is one line on stderr and a non-zero exit, never
// Node's stack trace for an unhandled 'error' event.

/** `ENOSPC: no space left on device, write` → `no space left on device (ENOSPC)`. */
export function ioProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const message = err?.message ?? String(e);
  const m = /^[A-Z][A-Z0-9_]*: ([^,]+)/.exec(message);
  return err?.code && m ? `${m[1]} (${err.code})` : message;
}

/** Exit code after stdout failed for a reason other than a closed pipe. */
export const EXIT_OUTPUT_FAILED = 1;

/**
 * Handles write errors on stdout and stderr for the rest of the process. The handlers
 * end the process at once: with stdout gone, running further statements would only make
 * API calls whose results nobody can see.
 */
export function endOnOutputErrors(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit();
    try {
      process.stderr.write(`error: cannot write output: ${ioProblem(e)}\n`);
    } finally {
      process.exit(EXIT_OUTPUT_FAILED);
    }
  });
  // Nothing can be said when stderr itself fails: end with the code already decided.
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    process.exit(e.code === 'EPIPE' ? undefined : (process.exitCode ?? EXIT_OUTPUT_FAILED));
  });
}

// Typed errors by stage (DESIGN.md, habit 3). The CLI prints `message` on one line and
// exits non-zero; only InternalError (a bug) ever shows a stack.

export abstract class SkyqlError extends Error {
  abstract readonly stage: 'parse' | 'plan' | 'provider' | 'execution' | 'internal' | 'usage';
}

export class ParseError extends SkyqlError {
  readonly stage = 'parse';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** The statement cannot be answered as written: names what is missing and how to fix it. */
export class PlanError extends SkyqlError {
  readonly stage = 'plan';
}

/** An AWS (or local cloud) API call failed; `code` is the service's error code. */
export class ProviderError extends SkyqlError {
  readonly stage = 'provider';
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ExecutionError extends SkyqlError {
  readonly stage = 'execution';
}

/** Bad command-line input (a malformed --var, an unreadable file). */
export class UsageError extends SkyqlError {
  readonly stage = 'usage';
}

export class InternalError extends SkyqlError {
  readonly stage = 'internal';
}

/**
 * A write in which not every call succeeded. `outcome` says whether the state of every
 * row is known ('failed') or some may have changed unseen ('unknown'): the CLI exits with
 * a distinct code for each, so scripts never rerun a create whose result they do not know.
 */
export class WriteReportError extends SkyqlError {
  readonly stage = 'execution';
  constructor(
    message: string,
    readonly outcome: 'failed' | 'unknown',
    readonly code: string,
  ) {
    super(message);
  }
}

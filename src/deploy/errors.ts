// Deploy's errors say where: the manifest field or the query file, anchor and line.
// Problems with the stack as written are usage errors (exit 2); a stack that does not
// reach its desired state is an execution error (exit 1). Errors from the engine itself
// (a failed write, an unknown outcome) pass through unchanged so their exit codes hold.
import { ExecutionError, UsageError, WriteReportError } from '../errors.js';

/** The manifest or a query file is wrong: fix the stack. */
export class StackError extends UsageError {}

/** The stack ran but did not reach (or leave) the state it describes. */
export class DeployError extends ExecutionError {}

/**
 * A build with --on-failure rollback or ignore in which a resource failed: the message is
 * the whole report. A WriteReportError so that, when any write's outcome is unknown, the
 * CLI exits 3 as it does for one statement (1 otherwise).
 */
export class BuildFailedError<R = unknown> extends WriteReportError {
  constructor(
    message: string,
    outcome: 'failed' | 'unknown',
    readonly report: R,
  ) {
    super(message, outcome, outcome === 'unknown' ? 'Unknown' : 'BuildFailed');
  }
}

/** `resources/bucket1.iql line 27 [statecheck]`. */
export function anchorWhere(file: string, anchor: string, line: number): string {
  return `${file} line ${line} [${anchor}]`;
}

/** A query shown inside a one-line message: whitespace runs folded, long ones cut. */
export function inlineQuery(sql: string, max = 400): string {
  const one = sql.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

// skyql's typed errors → Postgres ErrorResponses with SQLSTATE codes, so drivers and
// tools can branch on the kind of failure. https://www.postgresql.org/docs/current/errcodes-appendix.html
import { InternalError, ParseError, PlanError, ProviderError, SkyqlError, UsageError, WriteReportError } from '../errors.js';
import { StatementCancelled } from './cancellation.js';
import { ParameterError } from './query-text.js';
import { BadEncoding } from './wire-reader.js';
import type { WireError } from './wire-writer.js';

/** An error the server raises itself, with its SQLSTATE (a SET of an unknown parameter, …). */
export class SqlStateError extends Error {
  constructor(
    readonly sqlstate: string,
    message: string,
    readonly extra: { detail?: string; hint?: string } = {},
  ) {
    super(message);
  }
}

// PlanError says what is wrong in words; which words mean which SQLSTATE. First match wins.
const PLAN_STATES: [RegExp, string][] = [
  [/^Query parameters \(\$1/, '42P02'],
  [/^Unknown column\b/, '42703'],
  [/^Column '[^']*' is in more than one table/, '42702'],
  [/^Unknown (table|resource|service|provider)\b|is not a resource name/, '42P01'],
  [/would (change|delete) every resource|does not pin its rows|--allow-unbounded/, '0A000'],
  [/\bneeds (a region|@)|is missing required propert|\bneeds .*=\s*'…'/, '22023'],
  [/has no (method|EXEC methods)|no such function/, '42883'],
  [/is named twice in the column list/, '42701'],
  [/names \d+ columns but its rows have \d+ values/, '42601'],
  [/read-only/, '428C9'],
  [/cannot be translated for SQLite|cannot be combined|create-only|is a view of .* tags|cannot be SET/, '0A000'],
  [/data__PatchDocument|\(\w+\) .*: /, '22023'],
];

function planState(message: string): string {
  return PLAN_STATES.find(([re]) => re.test(message))?.[1] ?? '42000';
}

function firstLine(message: string): { head: string; rest?: string } {
  const nl = message.indexOf('\n');
  if (nl < 0) return { head: message };
  return { head: message.slice(0, nl), rest: message.slice(nl + 1).replace(/^ {2}/gm, '') };
}

export interface ErrorContext {
  /** Set when the statement's calls were aborted: the error is reported as that. */
  cancelled?: StatementCancelled;
  /** Maps a ParseError's line and column to a 1-based offset in the client's query, when the engine saw that very text. */
  position?: (line: number, column: number) => number | undefined;
  /** Where to note internal errors (bugs), which the client sees without a stack. */
  logInternal?: (e: unknown) => void;
}

export function toWireError(e: unknown, ctx: ErrorContext = {}): WireError {
  const cancelled = ctx.cancelled ?? (e instanceof StatementCancelled ? e : undefined);
  if (cancelled) {
    return {
      severity: cancelled.why === 'shutdown' ? 'FATAL' : 'ERROR',
      code: cancelled.why === 'shutdown' ? '57P01' : '57014',
      message: cancelled.message,
      // A write's report says per row what was done, what was not, and what is unknown.
      detail: e instanceof WriteReportError ? `${e.message}\nAWS error code: ${e.code}` : undefined,
    };
  }
  if (e instanceof SqlStateError) return { severity: 'ERROR', code: e.sqlstate, message: e.message, ...e.extra };
  if (e instanceof ParameterError) return { severity: 'ERROR', code: e.sqlstate, message: e.message };
  if (e instanceof BadEncoding) return { severity: 'ERROR', code: '22021', message: e.message };
  if (e instanceof ParseError) {
    const position = ctx.position?.(e.line, e.column);
    if (position === undefined) return { severity: 'ERROR', code: '42601', message: e.message };
    return { severity: 'ERROR', code: '42601', message: firstLine(e.message).head, position };
  }
  if (e instanceof WriteReportError) {
    const { head } = firstLine(e.message);
    // 40003 statement_completion_unknown: some call may have changed the cloud unseen.
    return { severity: 'ERROR', code: e.outcome === 'unknown' ? '40003' : 'XX000', message: head, detail: `${e.message}\nAWS error code: ${e.code}` };
  }
  if (e instanceof ProviderError) {
    return { severity: 'ERROR', code: 'XX000', message: e.message, detail: `AWS error code: ${e.code}` };
  }
  if (e instanceof PlanError) {
    const { head, rest } = firstLine(e.message);
    return { severity: 'ERROR', code: planState(e.message), message: head, hint: rest };
  }
  if (e instanceof UsageError) {
    // Template errors: a malformed template is a syntax error, anything else a bad value.
    return { severity: 'ERROR', code: /^template syntax error/.test(e.message) ? '42601' : '22023', message: e.message };
  }
  if (e instanceof SkyqlError && !(e instanceof InternalError)) {
    return { severity: 'ERROR', code: 'XX000', message: e.message };
  }
  ctx.logInternal?.(e);
  const message = e instanceof Error ? e.message : String(e);
  return { severity: 'ERROR', code: 'XX000', message: `internal error (a bug in skyql, please report it): ${message}` };
}

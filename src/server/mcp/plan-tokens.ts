// Write-approval tokens. A write tool's first answer is its dry-run plan and a token; the
// write runs only when that token comes back with the very statement and variables it was
// issued for. Tokens are random, held only in this server's memory (per session), used
// once (a wrong presentation spends it too), and expire.
import { createHash, randomBytes } from 'node:crypto';
import { UsageError } from '../../errors.js';

export const PLAN_TOKEN_TTL_MS = 10 * 60_000;
/** Outstanding tokens kept per session; the oldest go first. */
const MAX_OUTSTANDING = 256;

/** JSON with object keys sorted, so equal variables always bind equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What a token is bound to: the tool, the statement's exact text and its variables. */
export function planBinding(tool: string, statement: string, vars: Record<string, unknown> | undefined): string {
  return createHash('sha256').update(canonical([tool, statement, vars ?? {}])).digest('hex');
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

interface Held<T> {
  binding: string;
  expiresAt: number;
  payload: T;
}

export class PlanTokens<T> {
  private readonly held = new Map<string, Held<T>>();

  constructor(
    private readonly ttlMs = PLAN_TOKEN_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  issue(binding: string, payload: T): IssuedToken {
    this.sweep();
    while (this.held.size >= MAX_OUTSTANDING) this.held.delete(this.held.keys().next().value!);
    const token = `plan_${randomBytes(24).toString('base64url')}`;
    const expiresAt = this.now() + this.ttlMs;
    this.held.set(token, { binding, expiresAt, payload });
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** The payload of a token issued for `binding`; the token is spent whatever the outcome. */
  redeem(token: string, binding: string): T {
    const held = this.held.get(token);
    this.held.delete(token);
    if (!held) {
      throw new UsageError('plan_token is not one this server issued, or it was already used: call again without plan_token to get a fresh plan.');
    }
    if (held.expiresAt <= this.now()) {
      throw new UsageError('plan_token has expired: call again without plan_token to get a fresh plan.');
    }
    if (held.binding !== binding) {
      throw new UsageError(
        'plan_token was issued for a different statement or different vars, so nothing was run (the token is now spent). ' +
          'Call again without plan_token to get the plan of this statement.',
      );
    }
    return held.payload;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, held] of this.held) if (held.expiresAt <= now) this.held.delete(token);
  }
}

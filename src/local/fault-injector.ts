// Injected faults, so retries and benchmarks meet what AWS does to them: latency per
// request, a request-rate ceiling beyond which calls are throttled, and a share of
// operations that end FAILED.
import { CloudError } from './cloud-error.js';

export interface FaultOptions {
  latencyMs?: number;
  latencyJitterMs?: number;
  throttleRps?: number;
  failRate?: number;
  /** For tests: a source of numbers in [0, 1). */
  random?: () => number;
  /** For tests: milliseconds. */
  now?: () => number;
}

export interface InjectedFailure {
  code: string;
  message: string;
}

// Handler error codes a flaky dependency produces (HandlerErrorCode in the service model).
const FAILURES: InjectedFailure[] = [
  { code: 'ServiceInternalError', message: 'The service handler encountered an internal error (injected by --fail-rate).' },
  { code: 'NetworkFailure', message: 'The service handler could not reach the downstream service (injected by --fail-rate).' },
  { code: 'InternalFailure', message: 'The service handler failed unexpectedly (injected by --fail-rate).' },
  { code: 'Throttling', message: 'The downstream service throttled the handler (injected by --fail-rate).' },
];

export class FaultInjector {
  private readonly latencyMs: number;
  private readonly jitterMs: number;
  private readonly rps: number;
  private readonly failRate: number;
  private readonly random: () => number;
  private readonly now: () => number;
  private tokens: number;
  private refilledAt: number;

  constructor(opts: FaultOptions = {}) {
    this.latencyMs = Math.max(0, opts.latencyMs ?? 0);
    this.jitterMs = Math.max(0, opts.latencyJitterMs ?? 0);
    this.rps = Math.max(0, opts.throttleRps ?? 0);
    this.failRate = Math.min(1, Math.max(0, opts.failRate ?? 0));
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
    this.tokens = this.rps;
    this.refilledAt = this.now();
  }

  get hasLatency(): boolean {
    return this.latencyMs > 0 || this.jitterMs > 0;
  }

  /** Milliseconds to hold this response: N ± J, uniformly, never negative. */
  latency(): number {
    if (!this.hasLatency) return 0;
    return Math.max(0, this.latencyMs + (this.random() * 2 - 1) * this.jitterMs);
  }

  /** A token bucket of one second's worth of requests; throws ThrottlingException when empty. */
  admit(): void {
    if (!this.rps) return;
    const now = this.now();
    this.tokens = Math.min(this.rps, this.tokens + ((now - this.refilledAt) / 1000) * this.rps);
    this.refilledAt = now;
    if (this.tokens < 1) throw new CloudError('ThrottlingException', 'Rate exceeded');
    this.tokens -= 1;
  }

  /** Decided when an operation is accepted, so the outcome survives a restart. */
  failure(): InjectedFailure | undefined {
    if (!this.failRate || this.random() >= this.failRate) return undefined;
    return FAILURES[Math.floor(this.random() * FAILURES.length) % FAILURES.length];
  }
}

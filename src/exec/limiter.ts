// Bounded concurrency for API calls: at most `limit` in flight across a whole statement.

export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error(`concurrency must be at least 1, got ${limit}`);
  }

  /**
   * `urgent` work goes to the front of the queue: a list page that feeds the queue must
   * not wait behind the gets it already queued, or slots sit idle while it is fetched.
   */
  async run<T>(fn: () => Promise<T>, urgent = false): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => (urgent ? this.waiting.unshift(resolve) : this.waiting.push(resolve)));
    }
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

// Client-side rate limiting that learns the service's limit from its throttling, per
// region: unlimited until the first ThrottlingException, then the rate that was getting
// through, probing upward while no throttle comes (additive increase, multiplicative
// decrease). Cloud Control's account limit is undocumented, so it is measured, not set.

const WINDOW_MS = 1000;
const PROBE_EVERY_MS = 500;
const PROBE_STEP = 1.05;
const BACK_OFF = 0.9;

export class AdaptiveRateLimiter {
  private rate = Infinity;
  private nextSlot = 0;
  private lastChange = 0;
  private lastDecrease = -Infinity;
  private readonly recent: number[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Requests per second allowed now (Infinity until the first throttle). */
  get currentRate(): number {
    return this.rate;
  }

  /** Milliseconds to wait before the next request may go; reserves its slot. */
  reserve(): number {
    if (this.rate === Infinity) return 0;
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.rate;
    return slot - now;
  }

  onSuccess(): void {
    const now = this.now();
    this.recent.push(now);
    while (this.recent.length && this.recent[0] < now - WINDOW_MS) this.recent.shift();
    if (this.rate !== Infinity && now - this.lastChange >= PROBE_EVERY_MS) {
      this.rate *= PROBE_STEP;
      this.lastChange = now;
    }
  }

  onThrottle(): void {
    const now = this.now();
    // The calls in flight when the limit was hit all come back throttled: one decrease
    // per burst, or the rate would collapse far below the limit.
    if (this.rate !== Infinity && now - this.lastDecrease < WINDOW_MS / 2) return;
    this.lastDecrease = now;
    while (this.recent.length && this.recent[0] < now - WINDOW_MS) this.recent.shift();
    // What got through in the last second is what the service allows; a little under it.
    const measured = this.recent.length;
    const basis = this.rate === Infinity ? measured : Math.min(this.rate, Math.max(measured, 1));
    this.rate = Math.max(1, basis * BACK_OFF);
    this.lastChange = now;
  }
}

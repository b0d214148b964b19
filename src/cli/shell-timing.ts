// `.timing on`: after each statement, its wall time and the API calls it made. The
// engine counts calls for its whole life, so a statement's calls are the difference.

export interface CallCounts {
  calls: number;
  attempts: number;
  retries: number;
  /** Answers served from the result cache instead of a call. */
  cached?: number;
}

/** Started as a script is handed to the engine; each statement's result is one lap. */
export class StatementTimer {
  private started: number;
  private counts: CallCounts;

  constructor(
    private readonly stats: () => CallCounts,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
    this.counts = stats();
  }

  /** The line for the statement since the start or the last lap; the next one starts now. */
  lap(): string {
    const now = this.now();
    const counts = this.stats();
    const line = timingLine(now - this.started, {
      calls: counts.calls - this.counts.calls,
      attempts: counts.attempts - this.counts.attempts,
      retries: counts.retries - this.counts.retries,
      cached: (counts.cached ?? 0) - (this.counts.cached ?? 0),
    });
    this.started = now;
    this.counts = counts;
    return line;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `Time: 1.204 s, 3 API calls (1 retry), 2 answers from the cache`. */
export function timingLine(ms: number, d: CallCounts): string {
  const time = ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(3)} s`;
  const retries = d.retries > 0 ? ` (${plural(d.retries, 'retry', 'retries')})` : '';
  const cached = d.cached ? `, ${plural(d.cached, 'answer', 'answers')} from the cache` : '';
  return `Time: ${time}, ${plural(d.calls, 'API call', 'API calls')}${retries}${cached}`;
}

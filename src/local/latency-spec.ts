// `--latency-ms N[±J]` (also `N+-J` and `N:J` for keyboards without ±).
export function parseLatencySpec(spec: string): { latencyMs: number; latencyJitterMs: number } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:(?:±|\+-|\+\/-|:)\s*(\d+(?:\.\d+)?))?\s*$/.exec(spec);
  if (!m) throw new Error(`--latency-ms takes N or N±J milliseconds (e.g. 20 or 20±5), not '${spec}'`);
  return { latencyMs: Number(m[1]), latencyJitterMs: m[2] ? Number(m[2]) : 0 };
}

// Start-up cost of metadata statements as whole processes: wall time measured here, peak
// RSS as the process itself reports it with --stats.
import { spawnSync } from 'node:child_process';
import { skyqlBin } from '../test/support/cli.js';

function measure(sql: string): { ms: number; mb: number } {
  const runs: { ms: number; mb: number }[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const out = spawnSync(process.execPath, [skyqlBin, 'exec', sql, '--stats'], { encoding: 'utf8' });
    const ms = performance.now() - t;
    const m = /peak RSS (\d+) MB/.exec(out.stderr);
    if (out.status !== 0 || !m) throw new Error(`benchmark run failed: ${out.stderr}`);
    runs.push({ ms, mb: Number(m[1]) });
  }
  runs.sort((a, b) => a.ms - b.ms);
  return { ms: runs[3].ms, mb: Math.max(...runs.map((r) => r.mb)) };
}

export function benchCatalog(): string[] {
  return ['SHOW SERVICES IN aws', 'DESCRIBE aws.apigatewayv2.integrations'].map((sql) => {
    const m = measure(sql);
    return `catalog: skyql exec "${sql}": median ${m.ms.toFixed(0)} ms wall, peak ${m.mb} MB RSS (aim < 300 ms, < 150 MB)`;
  });
}

// SELECT benchmarks (issue 5): the seed's list query against a local cloud that injects
// latency, with ratios to the ideal and to the naive sequential time; the SQL part alone;
// and the same query under throttling. Whole CLI processes, as a user runs them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend } from '../src/backend/sqlite/sqlite-backend.js';
import { DEFAULT_CONCURRENCY } from '../src/exec/engine.js';
import { startLocalCloud } from '../src/local/server.js';
import type { ColumnDef } from '../src/providers/catalog-types.js';
import { runCli } from '../test/support/cli.js';
import { seedIntegrations } from './seed-cloud.js';

const SEED_LIST = `SELECT region, api_id, connection_id, connection_type, content_handling_strategy, credentials_arn,
description, integration_method, integration_subtype, integration_id, integration_type, integration_uri,
passthrough_behavior, payload_format_version, request_parameters, request_templates, response_parameters,
template_selection_expression, timeout_in_millis, tls_config
FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'`;

interface CliRun {
  rows: number;
  seconds: number;
  calls: number;
  attempts: number;
  retries: number;
  peakMb: number;
}

async function runSeedQuery(endpoint: string, concurrency: number): Promise<CliRun> {
  const r = await runCli(['exec', SEED_LIST, '-o', 'json', '--stats', '--concurrency', String(concurrency)], {
    env: { AWS_ENDPOINT_URL_CLOUDCONTROL: endpoint, AWS_ACCESS_KEY_ID: 'b', AWS_SECRET_ACCESS_KEY: 'b' },
    timeoutMs: 300_000,
  });
  if (r.code !== 0) throw new Error(`query failed: ${r.stderr}`);
  // The stats line also counts cache answers (0 here: exec caches nothing by default).
  const m = /stats: (\d+) API calls, (\d+) HTTP attempts \((\d+) retried\), (?:\d+ answers from the cache, )?([\d.]+) s, peak RSS (\d+) MB/.exec(r.stderr);
  if (!m) throw new Error(`no stats line in: ${r.stderr}`);
  return {
    rows: (JSON.parse(r.stdout) as unknown[]).length,
    calls: Number(m[1]),
    attempts: Number(m[2]),
    retries: Number(m[3]),
    seconds: Number(m[4]),
    peakMb: Number(m[5]),
  };
}

export async function benchListWithLatency(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-bench-'));
  const state = join(dir, 'cloud.sqlite');
  try {
    await seedIntegrations(state, 2000);
    const cloud = await startLocalCloud({ port: 0, state, latencyMs: 20, opDelayMs: 0 });
    const lines: string[] = [];
    try {
      // The default concurrency, and a higher one: at 10 in flight the ideal is by
      // definition exactly 10× the sequential time, so only more can beat 10×.
      for (const concurrency of [DEFAULT_CONCURRENCY, 20]) {
        const run = await runSeedQuery(cloud.endpoint, concurrency);
        const ideal = (run.calls / concurrency) * 0.02;
        const sequential = run.calls * 0.02;
        lines.push(
          `(a) seed list query, 1 API × 2,000 integrations, 20 ms per request, concurrency ${concurrency}: ${run.rows} rows, ${run.calls} calls in ${run.seconds.toFixed(2)} s`,
          `    ideal ${ideal.toFixed(2)} s (calls / concurrency × 20 ms) → ${(run.seconds / ideal).toFixed(2)}× ideal; naive sequential ${sequential.toFixed(1)} s (calls × 20 ms) → ${(sequential / run.seconds).toFixed(1)}× faster`,
          `(c) peak memory of (a) at concurrency ${concurrency}: ${run.peakMb} MB RSS (whole CLI process)`,
        );
      }
      return lines;
    } finally {
      await cloud.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchThrottled(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-bench-'));
  const state = join(dir, 'cloud.sqlite');
  try {
    await seedIntegrations(state, 500);
    const cloud = await startLocalCloud({ port: 0, state, throttleRps: 50, opDelayMs: 0 });
    try {
      const run = await runSeedQuery(cloud.endpoint, DEFAULT_CONCURRENCY);
      const ideal = run.calls / 50;
      return [
        `(d) seed list query, 500 integrations, local cloud at --throttle-rps 50: ${run.rows} rows, ${run.calls} calls in ${run.seconds.toFixed(2)} s`,
        `    ideal ${ideal.toFixed(2)} s (calls / 50 per s) → ${(run.seconds / ideal).toFixed(2)}× ideal; ${run.retries} throttled attempts retried, no failed query`,
      ];
    } finally {
      await cloud.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (b): a JOIN plus GROUP BY over 20,000 rows already in the backend, the SQL part alone. */
export function benchSqlPart(): string[] {
  const backend = new SqliteBackend();
  const apiCols: ColumnDef[] = [
    { name: 'api_id', type: 'string', description: '' },
    { name: 'name', type: 'string', description: '' },
    { name: 'region', type: 'string', description: '' },
  ];
  const intCols: ColumnDef[] = [
    { name: 'api_id', type: 'string', description: '' },
    { name: 'integration_id', type: 'string', description: '' },
    { name: 'timeout_in_millis', type: 'integer', description: '' },
    { name: 'request_parameters', type: 'object', description: '' },
    { name: 'region', type: 'string', description: '' },
  ];
  backend.createTable('apis', apiCols);
  backend.createTable('integrations', intCols);
  const loadStart = performance.now();
  backend.insert('apis', ['api_id', 'name', 'region'], Array.from({ length: 200 }, (_, i) => [`api${i}`, `name${i % 20}`, 'us-east-1']));
  backend.insert(
    'integrations',
    ['api_id', 'integration_id', 'timeout_in_millis', 'request_parameters', 'region'],
    Array.from({ length: 20_000 }, (_, i) => [`api${i % 200}`, `int${i}`, 1000 + (i % 997), JSON.stringify({ k: i % 7 }), 'us-east-1']),
  );
  const loadMs = performance.now() - loadStart;
  const sql = `SELECT a.name, COUNT(*) AS n, AVG(i.timeout_in_millis) AS avg_timeout,
    SUM(json_extract(i.request_parameters, '$.k')) AS k
    FROM apis a JOIN integrations i ON a.api_id = i.api_id AND a.region = i.region
    GROUP BY a.name ORDER BY n DESC`;
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    rows = backend.query(sql).rows.length;
    runs.push(performance.now() - t);
  }
  backend.close();
  runs.sort((a, b) => a - b);
  return [
    `(b) JOIN + GROUP BY + json_extract over 20,000 fetched rows: median ${runs[2].toFixed(1)} ms (best ${runs[0].toFixed(1)} ms, ${rows} groups); loading the rows ${loadMs.toFixed(1)} ms`,
  ];
}

// Benchmark of the local cloud on loopback with no injected latency: GetResource and
// ListResources (100-item pages) under autocannon, then GetResource through the SDK.
// Bounded: about 12 seconds in all. Only 127.0.0.1 is contacted.
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { CloudControlClient, CreateResourceCommand, GetResourceCommand, GetResourceRequestStatusCommand } from '@aws-sdk/client-cloudcontrol';

const SECONDS = 3;
const CONNECTIONS = 10;
// The local cloud reads the SigV4 scope but cannot check signatures, so a fixed,
// well-formed header costs the load generator nothing and the server the same as a real one.
const AUTH =
  'AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/cloudcontrolapi/aws4_request, ' +
  `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`;

function headers(operation: string): Record<string, string> {
  return {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `CloudApiService.${operation}`,
    'x-amz-date': '20240101T000000Z',
    authorization: AUTH,
  };
}

async function load(endpoint: string, operation: string, body: object, seconds = SECONDS): Promise<autocannon.Result> {
  const result = await autocannon({
    url: endpoint + '/',
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: headers(operation),
    body: JSON.stringify(body),
  });
  if (result.non2xx || result.errors) throw new Error(`${operation}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return result;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchLocalCloud(): Promise<string[]> {
  const worker = new Worker(new URL('./local-bench-server.js', import.meta.url));
  const endpoint = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { endpoint: string }) => resolve(m.endpoint));
    worker.once('error', reject);
  });
  const sdk = new CloudControlClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  try {
    // 250 VPCs: GetResource reads one, ListResources pages through 100 at a time.
    const tokens = await Promise.all(
      Array.from({ length: 250 }, async (_, i) => {
        const desired = { CidrBlock: `10.${i % 256}.0.0/16`, Tags: [{ Key: 'Name', Value: `bench-${i}` }] };
        const r = await sdk.send(new CreateResourceCommand({ TypeName: 'AWS::EC2::VPC', DesiredState: JSON.stringify(desired) }));
        return r.ProgressEvent!.RequestToken!;
      }),
    );
    const done = await Promise.all(tokens.map((t) => sdk.send(new GetResourceRequestStatusCommand({ RequestToken: t }))));
    const vpcId = done[0].ProgressEvent!.Identifier!;
    if (done.some((d) => d.ProgressEvent!.OperationStatus !== 'SUCCESS')) throw new Error('seeding the benchmark failed');

    const get = { TypeName: 'AWS::EC2::VPC', Identifier: vpcId };
    await load(endpoint, 'GetResource', get, 1); // warm-up: JIT, SQLite page cache
    const g = await load(endpoint, 'GetResource', get);
    const l = await load(endpoint, 'ListResources', { TypeName: 'AWS::EC2::VPC', MaxResults: 100 });

    // Through the SDK: signing, serialization and parsing included, 10 calls in flight.
    const latencies: number[] = [];
    const until = performance.now() + 2000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          await sdk.send(new GetResourceCommand(get));
          latencies.push(performance.now() - t0);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const goal = g.requests.average >= 5000 && g.latency.p99 < 5 ? 'meets' : 'MISSES';
    return [
      `local cloud, loopback, no injected latency, ${CONNECTIONS} connections, ${SECONDS}s per run (autocannon):`,
      `  GetResource:                  ${Math.round(g.requests.average)} req/s, p50 ${g.latency.p50} ms, p99 ${g.latency.p99} ms ` +
        `(${goal} the goal of ≥5,000 req/s with p99 < 5 ms)`,
      `  ListResources (100-item pages): ${Math.round(l.requests.average)} req/s, p50 ${l.latency.p50} ms, p99 ${l.latency.p99} ms`,
      `  GetResource via @aws-sdk/client-cloudcontrol: ${Math.round(latencies.length / 2)} req/s, ` +
        `p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
    ];
  } finally {
    sdk.destroy();
    worker.postMessage('close');
    await new Promise((r) => worker.once('exit', r));
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  for (const line of await benchLocalCloud()) console.log(line);
}

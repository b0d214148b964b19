// skyql srv over the wire: queries per second of the seed's get query from 8 concurrent
// node-postgres clients, without and with the result cache, and what one query costs over
// the wire against the same query run in-process. Cloud, server and clients share this
// process (and this 2-core machine), as a developer's laptop would run them.
import pg from 'pg';
import { CloudControlClient, CreateResourceCommand, GetResourceRequestStatusCommand } from '@aws-sdk/client-cloudcontrol';
import { Engine } from '../src/exec/engine.js';
import { ResultCache } from '../src/exec/result-cache.js';
import { startLocalCloud } from '../src/local/server.js';
import { startPgServer } from '../src/server/pg-server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID ??= 'bench';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';

const CLIENTS = 8;
const SECONDS = 3;

async function create(c: CloudControlClient, type: string, props: Record<string, unknown>): Promise<string> {
  const r = await c.send(new CreateResourceCommand({ TypeName: type, DesiredState: JSON.stringify(props) }));
  for (;;) {
    const ev = (await c.send(new GetResourceRequestStatusCommand({ RequestToken: r.ProgressEvent!.RequestToken }))).ProgressEvent!;
    if (ev.OperationStatus === 'SUCCESS') return ev.Identifier!;
    if (ev.OperationStatus === 'FAILED') throw new Error(`seeding ${type} failed: ${ev.StatusMessage}`);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function throughput(port: number, sql: string, params: string[]): Promise<{ qps: number; p50: number }> {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'bench', database: 'skyql' });
      await c.connect();
      return c;
    }),
  );
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const t = performance.now();
        await c.query(sql, params);
        latencies.push(performance.now() - t);
      }
    }),
  );
  await Promise.all(clients.map((c) => c.end()));
  return { qps: latencies.length / SECONDS, p50: median(latencies) };
}

export async function benchSrv(): Promise<string[]> {
  const cloud = await startLocalCloud({ port: 0, state: ':memory:', opDelayMs: 0 });
  const sdk = new CloudControlClient({ region: 'us-east-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'b', secretAccessKey: 'b' } });
  const out: string[] = [];
  try {
    const apiId = await create(sdk, 'AWS::ApiGatewayV2::Api', { Name: 'bench', ProtocolType: 'HTTP' });
    const id = await create(sdk, 'AWS::ApiGatewayV2::Integration', { ApiId: apiId, IntegrationType: 'HTTP_PROXY', TimeoutInMillis: 5000 });
    const sql = 'SELECT api_id, integration_id, integration_type, timeout_in_millis FROM aws.apigatewayv2.integrations WHERE region = $1 AND data__Identifier = $2';
    const params = ['us-east-1', id];
    out.push(`srv: the seed's get query over the wire, ${CLIENTS} concurrent node-postgres clients, ${SECONDS} s per run, local cloud in-process:`);
    for (const cached of [false, true]) {
      const server = await startPgServer({
        port: 0,
        engine: { aws: { endpointUrl: cloud.endpoint }, cache: cached ? new ResultCache(60_000) : undefined },
        log: () => {},
      });
      try {
        const r = await throughput(server.port, sql, params);
        out.push(`  ${cached ? 'cached  ' : 'uncached'}: ${r.qps.toFixed(0)} queries/s, p50 ${r.p50.toFixed(2)} ms`);
      } finally {
        await server.close();
      }
    }
    // One query at a time: the wire's added latency over Engine.run in-process.
    const inline = new Engine({ aws: { endpointUrl: cloud.endpoint } });
    const literal = `SELECT api_id, integration_id, integration_type, timeout_in_millis FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND data__Identifier = '${id}'`;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      for await (const r of inline.run(literal)) void r;
      times.push(performance.now() - t);
    }
    inline.close();
    const server = await startPgServer({ port: 0, engine: { aws: { endpointUrl: cloud.endpoint } }, log: () => {} });
    const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'bench', database: 'skyql' });
    await c.connect();
    const wire: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await c.query(literal);
      wire.push(performance.now() - t);
    }
    await c.end();
    await server.close();
    out.push(`  one query at a time (200 runs, uncached): in-process Engine.run p50 ${median(times).toFixed(2)} ms, over the wire p50 ${median(wire).toFixed(2)} ms → the server adds ${(median(wire) - median(times)).toFixed(2)} ms`);
  } finally {
    sdk.destroy();
    await cloud.close();
  }
  return out;
}

// For the `skyql srv` tests: the wire server in-process on a free port over an in-process
// local cloud, node-postgres clients, seeding through the SDK, and a watching proxy that
// shows which Cloud Control calls the server made and which it abandoned.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { startPgServer, type PgServerHandle, type PgServerOptions } from '../../src/server/pg-server.js';
import type { LocalCloudOptions } from '../../src/local/server.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

export const INTEGRATION = 'AWS::ApiGatewayV2::Integration';

/** The seed page's list query, as the issue names it. */
export const LIST_QUERY =
  "SELECT api_id, integration_id, integration_type, timeout_in_millis FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'";

export interface WatchedCall {
  operation: string;
  /** The call's JSON input, once it has arrived whole. */
  input: Promise<Record<string, unknown>>;
  /** Resolves when the call ends: true if the server hung up before the answer came. */
  abandoned: Promise<boolean>;
}

/** A proxy before the cloud that reports each call as it arrives, and may hold each for `delayMs` first. */
export async function watchingProxy(target: string, delayMs = 0) {
  const calls: WatchedCall[] = [];
  const arrivals: ((c: WatchedCall) => void)[] = [];
  const server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (d: Buffer) => body.push(d));
    const call: WatchedCall = {
      operation: String(req.headers['x-amz-target'] ?? '').replace('CloudApiService.', ''),
      input: new Promise((resolve) => req.on('end', () => resolve(JSON.parse(Buffer.concat(body).toString() || '{}') as Record<string, unknown>))),
      abandoned: new Promise((resolve) => res.on('close', () => resolve(!res.writableFinished))),
    };
    calls.push(call);
    for (const a of arrivals.splice(0)) a(call);
    const forward = () => {
      if (res.destroyed) return;
      const up = request(target + req.url, { method: req.method, headers: req.headers }, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      });
      up.on('error', () => res.destroy());
      res.on('close', () => up.destroy());
      up.end(Buffer.concat(body));
    };
    req.on('end', () => (delayMs ? setTimeout(forward, delayMs) : forward()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    /** The next call to arrive. */
    nextCall: () => new Promise<WatchedCall>((resolve) => arrivals.push(resolve)),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

export interface SrvFixture {
  cloud: TestCloud;
  server: PgServerHandle;
  proxy: Awaited<ReturnType<typeof watchingProxy>>;
  apiId: string;
  /** `<ApiId>|<IntegrationId>` of the seeded integrations. */
  identifiers: string[];
  client(config?: pg.ClientConfig): Promise<pg.Client>;
  close(): Promise<void>;
}

/** A cloud holding one HTTP API with `integrations` integrations, and the server in front of it (through the proxy). */
export async function startSrv(
  opts: { cloud?: LocalCloudOptions; server?: PgServerOptions; integrations?: number; /** Added by the proxy to the server's calls only. */ callDelayMs?: number } = {},
): Promise<SrvFixture> {
  const cloud = await startTestCloud(opts.cloud);
  const apiId = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'shop', ProtocolType: 'HTTP' })).Identifier!;
  const identifiers: string[] = [];
  for (let i = 0; i < (opts.integrations ?? 2); i++) {
    const ev = await cloud.create(INTEGRATION, { ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationUri: `https://example.com/${i}`, IntegrationMethod: 'GET', PayloadFormatVersion: '1.0', TimeoutInMillis: 5000 + i });
    identifiers.push(ev.Identifier!);
  }
  const proxy = await watchingProxy(cloud.endpoint, opts.callDelayMs);
  const server = await startPgServer({
    port: 0,
    log: () => undefined,
    ...opts.server,
    engine: { ...opts.server?.engine, aws: { endpointUrl: proxy.endpoint, ...opts.server?.engine?.aws } },
  });
  const clients: pg.Client[] = [];
  return {
    cloud,
    server,
    proxy,
    apiId,
    identifiers,
    async client(config = {}) {
      const c = new pg.Client({ host: server.host, port: server.port, user: 'tester', database: 'skyql', ...config });
      c.on('error', () => undefined); // a test that cuts the connection expects it
      clients.push(c);
      await c.connect();
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await server.close();
      await proxy.close();
      await cloud.close();
    },
  };
}

/** The error a query ends with (fails the test if it succeeds). */
export async function queryError(c: pg.Client, sql: string, values?: unknown[]): Promise<pg.DatabaseError> {
  try {
    await c.query(sql, values);
  } catch (e) {
    return e as pg.DatabaseError;
  }
  throw new Error(`expected ${sql} to fail`);
}

export const PSQL = '/usr/bin/psql';

export interface PsqlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** psql -c SQL against the server: unaligned, tab-separated, no psqlrc. */
export function psql(f: SrvFixture, sql: string, env: Record<string, string> = {}, user = 'tester'): Promise<PsqlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      PSQL,
      ['-X', '-h', f.server.host, '-p', String(f.server.port), '-U', user, '-d', 'skyql', '-v', 'ON_ERROR_STOP=1', '-A', '-F', '\t', '-c', sql],
      { env: { PATH: process.env.PATH ?? '', PGCONNECT_TIMEOUT: '10', PGSSLMODE: 'disable', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}


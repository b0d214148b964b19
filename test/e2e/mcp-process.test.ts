// `skyql mcp` from the outside: the SDK's Client drives the command in its own Node
// process, over stdio and over Streamable HTTP, against a local cloud.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { serveHttp } from '../../src/server/mcp/http-server.js';
import { Engines } from '../../src/server/mcp/engines.js';
import { createMcpServer } from '../../src/server/mcp/mcp-server.js';
import { mcpCommand } from '../../src/cli/mcp-command.js';
import { runCommand } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { call, json, mcpProcessArgs } from './mcp-harness.js';

const SEED_LIST = "SELECT api_id, integration_id, integration_type, timeout_in_millis FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'";

let cloud: TestCloud;
let apiId: string;

before(async () => {
  cloud = await startTestCloud();
  apiId = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'outside', ProtocolType: 'HTTP' })).Identifier!;
  await cloud.create('AWS::ApiGatewayV2::Integration', { ApiId: apiId, IntegrationType: 'HTTP_PROXY', TimeoutInMillis: 5000 });
});

after(() => cloud.close());

function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { ...getDefaultEnvironment(), ...cloud.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...extra };
}

async function seedQuery(client: Client): Promise<void> {
  const r = json<{ rows: Record<string, unknown>[] }>(await call(client, 'run_select', { statement: SEED_LIST }));
  assert.deepEqual(r.rows.map((row) => [row.api_id, row.integration_type, row.timeout_in_millis]), [[apiId, 'HTTP_PROXY', 5000]]);
}

test('over stdio: the SDK Client lists the tools and runs the seed query; logs go to stderr only', async () => {
  const transport = new StdioClientTransport({ command: process.execPath, args: mcpProcessArgs([]), env: childEnv(), stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: 'skyql-test', version: '0' });
  await client.connect(transport);
  try {
    const names = (await client.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes('run_select') && !names.includes('run_delete'), names.join(', '));
    await seedQuery(client);
    assert.match(stderr, /^skyql mcp: serving on stdio \(mode read_only: no writes\)$/m);
  } finally {
    await client.close();
  }
});

/** Runs the command and waits for its listening line (or its exit). */
function spawnMcp(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, mcpProcessArgs(args), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`skyql mcp exited (${code}) before listening: ${stderr}`)));
  });
  listening.catch(() => {});
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

test('over HTTP with a bearer token: the token is required and never printed', async () => {
  const token = 'not-a-real-secret-7d1f';
  const mcp = spawnMcp(['--http', '--port', '0', '--mode', 'safe'], childEnv({ SKYQL_MCP_AUTH_TOKEN: token }));
  try {
    const url = await mcp.listening;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const unauthorized = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    assert.equal(unauthorized.status, 401);
    const client = new Client({ name: 'skyql-test', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    const names = (await client.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes('run_insert') && !names.includes('run_delete'), names.join(', '));
    await seedQuery(client);
    await client.close();
  } finally {
    mcp.child.kill('SIGTERM');
  }
  assert.equal(await mcp.exited, 0);
  const { stdout, stderr } = mcp.output();
  assert.doesNotMatch(stdout + stderr, new RegExp(token));
  assert.match(stderr, /bearer token required/);
});

test('HTTP beyond loopback without --auth-token is refused in one line', async () => {
  // The command in-process, as main.ts runs it: it refuses before it serves anything.
  const r = await runCommand(mcpCommand(), ['--http', '--host', '0.0.0.0', '--port', '0', '--endpoint-url', cloud.endpoint]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: refusing to serve MCP on 0\.0\.0\.0 without --auth-token[^\n]*\n$/);
});

test('a loopback server without a token answers loopback Host and Origin headers only', async () => {
  const engines = new Engines({ aws: { endpointUrl: cloud.endpoint } });
  const serving = await serveHttp({ host: '127.0.0.1', port: 0, newServer: () => createMcpServer({ engines, mode: 'read_only', log: () => {} }) });
  const port = Number(new URL(serving.url).port);
  const status = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
  try {
    assert.equal(await status({ host: 'evil.example' }), 403);
    assert.equal(await status({ host: `127.0.0.1:${port}`, origin: 'https://evil.example' }), 403);
    assert.equal(await status({ host: `localhost:${port}` }), 400, 'a loopback request gets as far as the protocol');
  } finally {
    await serving.close();
    engines.close();
  }
});

test('over stdio with --local: the local cloud on the default state file, no endpoint variable', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const home = mkdtempSync(join(tmpdir(), 'skyql-mcp-local-'));
  const env = { ...getDefaultEnvironment(), XDG_DATA_HOME: home, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const transport = new StdioClientTransport({ command: process.execPath, args: mcpProcessArgs(['--local']), env, stderr: 'pipe' });
  const client = new Client({ name: 'skyql-test', version: '0' });
  await client.connect(transport);
  try {
    const r = json<{ rows: Record<string, unknown>[] }>(await call(client, 'run_select', { statement: "SELECT api_id FROM aws.apigatewayv2.apis WHERE region = 'us-east-1'" }));
    assert.deepEqual(r.rows, [], 'a fresh local cloud, not the test cloud');
  } finally {
    await client.close();
    rmSync(home, { recursive: true, force: true });
  }
});

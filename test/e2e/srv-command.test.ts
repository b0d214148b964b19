// `skyql srv` as a process: the line it prints when ready, server-wide {{ }} defaults,
// the password never shown, a clean stop on SIGTERM, and the refusal to listen beyond
// loopback without a password. The command object runs in its own Node process with the
// CLI's error boundary (until main.ts registers it, as local-harness does for `local`).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { repoRoot } from '../support/cli.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { LIST_QUERY } from './srv-harness.js';

const PROGRAM = `
  import { srvCommand } from ${JSON.stringify(join(repoRoot, 'dist', 'src', 'cli', 'srv-command.js'))};
  import { reportError } from ${JSON.stringify(join(repoRoot, 'dist', 'src', 'cli', 'errors.js'))};
  srvCommand().exitOverride().parseAsync(process.argv.slice(1), { from: 'user' }).catch((e) => {
    process.exitCode = e.code?.startsWith?.('commander.') ? e.exitCode : reportError(e);
  });`;

const running = new Set<{ kill(signal?: NodeJS.Signals): boolean }>();

function spawnSrv(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PROGRAM, '--', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  void exited.then(() => running.delete(child));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /^skyql srv listening on (postgresql:\/\/\S+)\n/.exec(stdout);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`skyql srv exited (${code}) before listening: ${stderr}`)));
  });
  listening.catch(() => undefined);
  return { child, exited, listening, stdout: () => stdout, stderr: () => stderr };
}

describe('skyql srv (the command)', () => {
  let cloud: TestCloud;
  before(async () => {
    cloud = await startTestCloud();
    const api = await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'cmd', ProtocolType: 'HTTP' });
    await cloud.create('AWS::ApiGatewayV2::Integration', { ApiId: api.Identifier, IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com/cmd', IntegrationMethod: 'GET', PayloadFormatVersion: '1.0' });
  });
  after(async () => {
    for (const child of running) child.kill('SIGKILL'); // a failed test leaves none behind
    await cloud.close();
  });

  test('prints one line when ready, serves with --var defaults, never shows the password, stops on SIGTERM', async () => {
    const secret = 'hunter2-but-longer';
    const srv = spawnSrv(['--port', '0', '--user', 'ops', '--var', 'region=us-east-1', '--endpoint-url', cloud.endpoint], {
      ...cloud.env,
      SKYQL_SRV_PASSWORD: secret,
    });
    const url = await srv.listening;
    assert.match(url, /^postgresql:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(srv.stdout(), `skyql srv listening on ${url}\n`);
    const { hostname, port } = new URL(url);
    const c = new pg.Client({ host: hostname, port: Number(port), database: 'skyql', user: 'ops', password: secret });
    await c.connect();
    try {
      assert.equal((await c.query(LIST_QUERY)).rowCount, 1);
      const templated = await c.query("SELECT integration_uri FROM aws.apigatewayv2.integrations WHERE region = '{{ region }}'");
      assert.equal(templated.rows[0].integration_uri, 'https://example.com/cmd');
    } finally {
      await c.end();
    }
    srv.child.kill('SIGTERM');
    assert.equal(await srv.exited, 0, srv.stderr());
    assert.ok(!srv.stdout().includes(secret) && !srv.stderr().includes(secret), 'the password was printed');
  });

  test('refuses to listen on 0.0.0.0 without a password: one line, non-zero exit', async () => {
    const srv = spawnSrv(['--host', '0.0.0.0', '--port', '0'], { SKYQL_SRV_PASSWORD: '' });
    const code = await srv.exited;
    assert.notEqual(code, 0);
    assert.equal(srv.stdout(), '');
    assert.match(srv.stderr(), /^error: refusing to listen on 0\.0\.0\.0 without a password: [^\n]+\n$/);
  });

  test('usage errors: a TLS certificate without its key, a bad port', async () => {
    const tls = spawnSrv(['--port', '0', '--tls-cert', '/nonexistent.pem']);
    assert.notEqual(await tls.exited, 0);
    assert.match(tls.stderr(), /--tls-cert and --tls-key go together/);
    const port = spawnSrv(['--port', 'http']);
    assert.notEqual(await port.exited, 0);
    assert.match(port.stderr(), /--port must be an integer/);
  });
});

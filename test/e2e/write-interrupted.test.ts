// Honest reports after an interrupted write (issue "Writes that cannot surprise"): a
// Ctrl-C or a cloud that goes away while creates are awaited must not be reported as
// "nothing changed". Each accepted request is reported with its request token and the
// query that checks it, and the exit code says the state is unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ListResourceRequestsCommand } from '@aws-sdk/client-cloudcontrol';
import { EXIT_STATE_UNKNOWN } from '../../src/cli/errors.js';
import { WriteReportError } from '../../src/errors.js';
import { skyqlBin, repoRoot } from '../support/cli.js';
import { runScript } from '../support/engine-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

const INSERT = "INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('i1', 'HTTP', 'us-east-1'), ('i2', 'HTTP', 'us-east-1')";

/** The create requests the cloud has accepted, polled until there are `n` (no fixed sleep). */
async function acceptedCreates(cloud: TestCloud, n: number): Promise<string[]> {
  for (let i = 0; i < 400; i++) {
    const out = await cloud.client().send(new ListResourceRequestsCommand({ ResourceRequestStatusFilter: { Operations: ['CREATE'] } }));
    const tokens = (out.ResourceRequestStatusSummaries ?? []).map((e) => e.RequestToken!);
    if (tokens.length >= n) return tokens;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`the cloud never saw ${n} creates`);
}

test('Ctrl-C during --await: the creates made are reported with their request tokens, exit 3 (state unknown)', async () => {
  const cloud = await startTestCloud({ opDelayMs: 600_000 });
  try {
    const child = spawn(process.execPath, [skyqlBin, 'exec', INSERT, '--await'], { cwd: repoRoot, env: { ...process.env, ...cloud.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const tokens = await acceptedCreates(cloud, 2);
    child.kill('SIGINT');
    const code = await exited;
    assert.equal(code, EXIT_STATE_UNKNOWN, stderr);
    assert.equal(stdout, '');
    assert.doesNotMatch(stderr, /nothing was changed/);
    assert.match(stderr, /2 of 2 CreateResource calls on AWS::ApiGatewayV2::Api did not succeed \(2 unknown\)/);
    for (const token of tokens) {
      assert.match(stderr, new RegExp(`UNKNOWN: accepted as request ${token} .*interrupted: cancelled by Ctrl-C`));
      assert.ok(stderr.includes(`WHERE data__RequestToken = '${token}' AND region = 'us-east-1'`), stderr);
    }
  } finally {
    await cloud.close();
  }
});

test('the cloud going away during an await: every accepted create is reported unknown, with its token', async () => {
  const cloud = await startTestCloud({ opDelayMs: 600_000 });
  let closed = false;
  try {
    const running = runScript(cloud, INSERT, { await: true, aws: { maxAttempts: 1 } });
    const tokens = await acceptedCreates(cloud, 2);
    await cloud.close();
    closed = true;
    const r = await running;
    assert.ok(r.error instanceof WriteReportError, String(r.error));
    assert.equal(r.error.outcome, 'unknown');
    for (const token of tokens) assert.match(r.error.message, new RegExp(`UNKNOWN: accepted as request ${token} .*waiting failed`));
    assert.doesNotMatch(r.error.message, /nothing was changed/);
  } finally {
    if (!closed) await cloud.close();
  }
});

test('a cloud that refuses the connection: the create never reached it, so the report says nothing was changed (exit 1, not 3)', async () => {
  const cloud = await startTestCloud();
  const endpoint = cloud.endpoint;
  await cloud.close();
  const r = await runScript(endpoint, INSERT, { aws: { maxAttempts: 2 } });
  assert.ok(r.error instanceof WriteReportError, String(r.error));
  assert.equal(r.error.outcome, 'failed');
  assert.match(r.error.message, /row 1: failed: ECONNREFUSED: .*\(the request never reached the cloud\)/);
  assert.match(r.error.message, /\nnothing was changed by this statement$/);
});

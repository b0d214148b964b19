// SELECT when the cloud pushes back: throttling, a failing call in a fan-out, a Cloud
// Control error, and Ctrl-C. Nothing may be printed as if the query had completed.
// The engine's part runs in-process; Ctrl-C is the CLI's, so it runs bin/skyql.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { repoRoot, skyqlBin } from '../support/cli.js';
import { execSql } from '../support/exec-harness.js';
import { startSeededCloud, startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy } from '../support/request-witness.js';

async function seed(cloud: TestCloud, integrations: number): Promise<string> {
  const api = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'errs', ProtocolType: 'HTTP' })).Identifier!;
  for (let i = 0; i < integrations; i++) {
    await cloud.create('AWS::ApiGatewayV2::Integration', { ApiId: api, IntegrationType: 'HTTP_PROXY', Description: `n${i}` });
  }
  return api;
}

test('throttling is survived by retries: every row arrives', async () => {
  // Seeded unthrottled; the query's 22 calls, 10 at once, meet a limit of 15 a second.
  const { cloud: throttled } = await startSeededCloud({ throttleRps: 15 }, (c) => seed(c, 20));
  try {
    const r = await execSql(throttled, "SELECT description FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'", { output: 'json', concurrency: 10 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 20);
    assert.ok(r.stats.retries > 0, `expected throttled retries, stats: ${JSON.stringify(r.stats)}`);
  } finally {
    await throttled.close();
  }
});

test('a failing call in a region fan-out fails the query, naming the call and the error code', async () => {
  const cloud = await startTestCloud({ regions: ['us-east-1'] });
  try {
    await seed(cloud, 2);
    const r = await execSql(cloud, "SELECT name FROM aws.apigatewayv2.apis WHERE region IN ('us-east-1', 'eu-west-1')", { output: 'json' });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '', 'no partial result is printed');
    assert.match(r.stderr, /ListResources AWS::ApiGatewayV2::Api in eu-west-1 failed: InvalidSignatureException/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  } finally {
    await cloud.close();
  }
});

test("Cloud Control's own error message is shown, and a missing parent is no rows", async () => {
  const cloud = await startTestCloud();
  try {
    const r = await execSql(cloud, "SELECT integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND data__Identifier = ''");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /GetResource AWS::ApiGatewayV2::Integration '' in us-east-1 failed: ValidationException: .*identifier/);
    const none = await execSql(cloud, "SELECT integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = 'nosuchapi'", { output: 'json' });
    assert.equal(none.code, 0, none.stderr);
    assert.deepEqual(JSON.parse(none.stdout), []);
  } finally {
    await cloud.close();
  }
});

test('Ctrl-C cancels a running query promptly and prints no rows', async () => {
  // Seeded quickly, then served slowly: the query is still making its gets when interrupted.
  const { cloud } = await startSeededCloud({ latencyMs: 300 }, (c) => seed(c, 20));
  const proxy = await recordingProxy(cloud);
  try {
    const child = spawn(process.execPath, [skyqlBin, 'exec', "SELECT * FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'", '--concurrency', '1'], {
      cwd: repoRoot,
      env: { ...process.env, ...cloud.env, AWS_ENDPOINT_URL_CLOUDCONTROL: proxy.endpoint },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<number | null>((r) => child.on('close', r));
    // Interrupt once the query is under way: its list has been answered and gets are going.
    await Promise.race([proxy.until((calls) => calls.filter((c) => c.operation === 'GetResource').length >= 2), closed]);
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await closed;
    assert.ok(Date.now() - sent < 3000, `took ${Date.now() - sent} ms to stop`);
    assert.notEqual(code, 0);
    assert.match(stderr, /cancel/i);
    assert.equal(stdout, '');
  } finally {
    await proxy.close();
    await cloud.close();
  }
});

// `skyql local` as a process: its first line, the endpoint hint, clients configured the
// standard way, clean shutdown on SIGINT and SIGTERM, and clear refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudControlClient, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { localCommand } from '../../src/cli/local-command.js';
import { packageRoot, spawnLocal } from '../support/local-harness.js';

test('prints the endpoint and how to use it, serves clients configured by env, stops on SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-cmd-'));
  const state = join(dir, 'sub', 'state.sqlite');
  const p = await spawnLocal(['--port', '0', '--state', state]);
  try {
    const lines = p.stdout().split('\n');
    assert.match(lines[0], /^skyql local cloud listening on http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(lines.some((l) => l.trim() === `export AWS_ENDPOINT_URL_CLOUDCONTROL=${p.endpoint}`), p.stdout());
    assert.ok(existsSync(state), 'the state file (and its directory) is created');
    // The standard service-specific endpoint variable is all a client needs.
    const saved = process.env.AWS_ENDPOINT_URL_CLOUDCONTROL;
    process.env.AWS_ENDPOINT_URL_CLOUDCONTROL = p.endpoint;
    const cc = new CloudControlClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    try {
      const r = await cc.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' }));
      assert.deepEqual(r.ResourceDescriptions, []);
    } finally {
      cc.destroy();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_CLOUDCONTROL;
      else process.env.AWS_ENDPOINT_URL_CLOUDCONTROL = saved;
    }
    p.child.kill('SIGINT');
    const exit = await p.exited;
    assert.equal(exit.code, 0, p.stderr());
    assert.match(p.stderr(), /SIGINT, shutting down/);
  } finally {
    p.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM shuts down cleanly with connections open', async () => {
  const p = await spawnLocal(['--port', '0', '--state', ':memory:', '--region-list', 'us-east-1,eu-west-1']);
  const cc = new CloudControlClient({ endpoint: p.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  await cc.send(new ListResourcesCommand({ TypeName: 'AWS::EC2::VPC' }));
  p.child.kill('SIGTERM');
  const exit = await Promise.race([p.exited, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
  cc.destroy();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('bad flags and a busy port are refused with clear messages', async () => {
  for (const [args, message] of [
    [['--fail-rate', '2'], /--fail-rate must be between 0 and 1/],
    [['--latency-ms', 'slow'], /N or N±J/],
    [['--region-list', 'us-east-1,moon'], /not 'moon'/],
    [['--port', '70000'], /--port must be an integer/],
  ] as const) {
    await assert.rejects(spawnLocal([...args, '--state', ':memory:']), message);
  }
  const a = await spawnLocal(['--port', '0', '--state', ':memory:']);
  try {
    const port = new URL(a.endpoint).port;
    await assert.rejects(spawnLocal(['--port', port, '--state', ':memory:']), /port is in use.*--port 0/s);
  } finally {
    a.child.kill('SIGKILL');
  }
});

test('the command declares the documented options and defaults', () => {
  const cmd = localCommand();
  assert.equal(cmd.name(), 'local');
  const flags = Object.fromEntries(cmd.options.map((o) => [o.long, o.defaultValue]));
  assert.deepEqual(Object.keys(flags).sort(), ['--fail-rate', '--host', '--latency-ms', '--op-delay-ms', '--port', '--region-list', '--state', '--throttle-rps'].sort());
  assert.equal(flags['--port'], 4566);
  assert.equal(flags['--host'], '127.0.0.1');
});

test('bin/skyql.js local starts, prints its endpoint and stops on SIGINT', async () => {
  const p = await spawnLocal(['--port', '0', '--state', ':memory:'], { viaBin: true });
  assert.match(p.stdout().split('\n')[0], /^skyql local cloud listening on http:\/\/127\.0\.0\.1:\d+$/);
  p.child.kill('SIGINT');
  assert.equal((await p.exited).code, 0);
  // Also listed in the CLI's help.
  const help = spawn(process.execPath, [join(packageRoot(), 'bin', 'skyql.js'), '--help']);
  let out = '';
  help.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((r) => help.on('exit', r));
  assert.match(out, /\blocal\b/);
});

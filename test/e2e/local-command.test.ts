// `skyql local` as a process: its first line, the endpoint hint, clients configured the
// standard way, clean shutdown on SIGINT and SIGTERM, and clear refusals. Each of these
// once as a process; the rest of the option checks in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudControlClient, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { localCommand } from '../../src/cli/local-command.js';
import { startLocalCloud } from '../../src/local/server.js';
import { runCli } from '../support/cli.js';
import { spawnLocal } from '../support/local-harness.js';

test('bin/skyql.js local prints the endpoint and how to use it, serves clients configured by env, stops on SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-cmd-'));
  const state = join(dir, 'sub', 'state.sqlite');
  const p = await spawnLocal(['--port', '0', '--state', state], { viaBin: true });
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
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([p.exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 5000)))]);
  clearTimeout(timer);
  cc.destroy();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('bad flags and a busy port are refused with clear messages', async () => {
  // As a process: the refusal ends it before it listens.
  await assert.rejects(spawnLocal(['--fail-rate', '2', '--state', ':memory:']), /--fail-rate must be between 0 and 1/);
  // The other option checks, by the command's own parser in-process.
  for (const [args, message] of [
    [['--latency-ms', 'slow'], /N or N±J/],
    [['--region-list', 'us-east-1,moon'], /not 'moon'/],
    [['--port', '70000'], /--port must be an integer/],
  ] as const) {
    const cmd = localCommand()
      .exitOverride()
      .configureOutput({ writeErr: () => undefined });
    await assert.rejects(cmd.parseAsync([...args, '--state', ':memory:'], { from: 'user' }), message);
  }
  const a = await startLocalCloud({ port: 0, state: ':memory:' });
  try {
    await assert.rejects(startLocalCloud({ port: a.port, state: ':memory:' }), /port is in use.*--port 0/s);
  } finally {
    await a.close();
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

test("the CLI's help lists local", async () => {
  const help = await runCli(['--help']);
  assert.match(help.stdout, /\blocal\b/);
});

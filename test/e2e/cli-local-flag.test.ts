// --local: the local cloud without a server or an endpoint variable. It uses the running
// `skyql local` on the default state file when there is one, else starts one in the
// command's own process on that file, so what one command writes the next one reads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { execCommand } from '../../src/cli/exec-command.js';
import { runCli } from '../support/cli.js';
import { runCommand } from '../support/exec-harness.js';
import { client, spawnLocal } from '../support/local-harness.js';

let home: string;
let env: Record<string, string>;

before(() => {
  home = mkdtempSync(join(tmpdir(), 'skyql-local-flag-'));
  // The default state file lives under XDG_DATA_HOME; no endpoint variable is set.
  env = { XDG_DATA_HOME: home, AWS_ENDPOINT_URL_CLOUDCONTROL: '', AWS_ENDPOINT_URL: '' };
});

after(() => rmSync(home, { recursive: true, force: true }));

const INSERT = "INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('{{ name }}', 'HTTP', 'us-east-1')";
const NAMES = "SELECT name FROM aws.apigatewayv2.apis WHERE region = 'us-east-1' ORDER BY name";

test('exec --local writes to the default state file and the next command reads it; shell --local too', async () => {
  const created = await runCli(['exec', '--local', INSERT, '--var', 'name=first', '-o', 'json'], { env });
  assert.equal(created.code, 0, created.stderr);
  assert.ok(existsSync(join(home, 'skyql', 'local-cloud.sqlite')));
  assert.equal(existsSync(join(home, 'skyql', 'local-cloud.sqlite.endpoint')), false, 'the embedded cloud is gone with its command');
  const read = await runCli(['exec', '--local', NAMES, '-o', 'csv'], { env });
  assert.equal(read.code, 0, read.stderr);
  assert.equal(read.stdout, 'name\r\nfirst\r\n');
  const shell = await runCli(['shell', '--local', '-o', 'csv'], { env, input: `${NAMES};\n` });
  assert.equal(shell.code, 0, shell.stderr);
  assert.equal(shell.stdout, 'name\r\nfirst\r\n');
});

test('with `skyql local` running on that file, --local uses it (no lock conflict)', async () => {
  const prev = process.env.XDG_DATA_HOME;
  process.env.XDG_DATA_HOME = home;
  let server: Awaited<ReturnType<typeof spawnLocal>>;
  try {
    server = await spawnLocal(['--port', '0']);
  } finally {
    // Put back as it was: the test process runs other files' tests after this one.
    if (prev === undefined) delete process.env.XDG_DATA_HOME;
    else process.env.XDG_DATA_HOME = prev;
  }
  try {
    const r = await runCli(['exec', '--local', INSERT, '--var', 'name=second', '--await'], { env });
    assert.equal(r.code, 0, r.stderr);
    const listed = await client(server.endpoint).send(new ListResourcesCommand({ TypeName: 'AWS::ApiGatewayV2::Api' }));
    assert.equal(listed.ResourceDescriptions?.length, 2, 'the running server holds both APIs');
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

test('--local with --endpoint-url is a usage error', async () => {
  const r = await runCommand(execCommand(), ['--local', '--endpoint-url', 'http://127.0.0.1:4566', 'SELECT 1']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'error: give --local or --endpoint-url, not both\n');
});

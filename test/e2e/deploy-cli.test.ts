// `skyql deploy` as a user runs it: the deploy command object alone in a fresh Node
// process (as spawnLocal runs `local`), against a local cloud, with the exit codes and
// error printing of the CLI's main.
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, type CliResult } from '../support/cli.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { EXAMPLES, FIXTURES, held } from './deploy-support.js';

const STACK = join(FIXTURES, 'deploy-http-api');

let cloud: TestCloud;
let dir: string;

before(async () => {
  cloud = await startTestCloud();
  dir = mkdtempSync(join(tmpdir(), 'skyql-deploy-cli-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cloud.close();
});

function skyqlDeploy(args: string[]): Promise<CliResult> {
  const main = `
    import { deployCommand } from ${JSON.stringify(join(repoRoot, 'dist', 'src', 'cli', 'deploy-command.js'))};
    import { reportError } from ${JSON.stringify(join(repoRoot, 'dist', 'src', 'cli', 'errors.js'))};
    try {
      await deployCommand().exitOverride().parseAsync(process.argv.slice(1), { from: 'user' });
    } catch (e) {
      process.exitCode = e && e.code && String(e.code).startsWith('commander.') ? e.exitCode : reportError(e);
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', main, '--', ...args], {
      cwd: dir,
      env: { ...process.env, ...cloud.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('deploy build --dry-run reads the environment from .env in the working directory, prints every query, calls nothing', async () => {
  writeFileSync(join(dir, '.env'), '# region for the globals\nAWS_REGION="us-east-1"\n');
  const before = await cloud.requests();
  const r = await skyqlDeploy(['build', STACK, 'dev', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^-- api \[create\]\nINSERT INTO aws\.apigatewayv2\.apis \(Name, ProtocolType, Description, Tags, region\)\nSELECT 'orders-api-dev', 'HTTP', 'orders service', '\{"Name":"orders-api-dev","Provisioner":"skyql","StackName":"orders-api","StackEnv":"dev"\}', 'us-east-1';$/m);
  assert.match(r.stdout, /^SELECT '<evaluated>', 'HTTP_PROXY', 'GET', 'https:\/\/example\.com\/orders', '1\.0', 10000, 'us-east-1';$/m);
  assert.match(r.stderr, /^build orders-api \(dev\), dry run: 4 resources$/m);
  assert.equal(await cloud.requests(), before);
  rmSync(join(dir, '.env'));
});

test('deploy build -e … --output-file: progress per resource on stderr, the exports file written; test --show-queries; teardown', async () => {
  const out = join(dir, 'exports.json');
  const b = await skyqlDeploy(['build', STACK, 'dev', '-e', 'AWS_REGION=us-east-1', '--output-file', out]);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(b.stdout, '');
  assert.match(b.stderr, /^ {2}api +created, statecheck passed +\d+\.\d\d s$/m);
  assert.match(b.stderr, /^ {2}orders_route +created, statecheck passed +\d+\.\d\d s$/m);
  assert.match(b.stderr, /^build done in \d+\.\d\d s: 3 created, 1 exported$/m);
  const exported = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
  assert.equal(exported.stack_name, 'orders-api');
  assert.match(exported.orders_url, /^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/orders$/);

  const t = await skyqlDeploy(['test', STACK, 'dev', '-e', 'AWS_REGION=us-east-1', '--show-queries']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stderr, /^-- orders_route \[statecheck\]\nSELECT COUNT\(\*\) as count\nFROM aws\.apigatewayv2\.routes/m);

  const d = await skyqlDeploy(['teardown', STACK, 'dev', '-e', 'AWS_REGION=us-east-1']);
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stderr, /^teardown done in \d+\.\d\d s: 1 not deleted, 3 deleted$/m);
  assert.deepEqual(await held(cloud, 'AWS::ApiGatewayV2::Api'), []);
});

test('stack problems exit 2 with one line naming where; a missing --env-file too', async () => {
  const r = await skyqlDeploy(['build', join(EXAMPLES, 'aws-single-vpc-with-if'), 'qa', '-e', 'AWS_REGION=us-east-1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: .*stackql_manifest\.yml line 26: resources\[0\]\.props\[0\] \(vpc_cidr_block\) of resource 'example_vpc' has no value for environment 'qa'/m);
  const e = await skyqlDeploy(['test', STACK, 'dev', '--env-file', 'nope.env']);
  assert.equal(e.code, 2);
  assert.equal(e.stderr, "error: --env-file 'nope.env': no such file\n");
});

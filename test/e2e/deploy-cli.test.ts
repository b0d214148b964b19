// `skyql deploy` as a user runs it: the deploy command object alone in a fresh Node
// process (as spawnLocal runs `local`), against a local cloud, with the exit codes and
// error printing of the CLI's main.
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployCommand } from '../../src/cli/deploy-command.js';
import { repoRoot, type CliResult } from '../support/cli.js';
import { runCommand } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { deploy, EXAMPLES, FIXTURES, held } from './deploy-support.js';

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
  // The deploy command in-process, as main.ts runs it (a stack problem ends before any output).
  const r = await runCommand(deployCommand(), ['build', join(EXAMPLES, 'aws-single-vpc-with-if'), 'qa', '-e', 'AWS_REGION=us-east-1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: .*stackql_manifest\.yml line 26: resources\[0\]\.props\[0\] \(vpc_cidr_block\) of resource 'example_vpc' has no value for environment 'qa'/m);
  const e = await runCommand(deployCommand(), ['test', STACK, 'dev', '--env-file', 'nope.env']);
  assert.equal(e.code, 2);
  assert.equal(e.stderr, "error: --env-file 'nope.env': no such file\n");
});

const FRESH_PLAN = `plan orders-api (dev): 4 resources, checked live; nothing was written

+ api: create
    INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, Description, Tags, region)
    SELECT 'orders-api-dev', 'HTTP', 'orders service', '{"Name":"orders-api-dev","Provisioner":"skyql","StackName":"orders-api","StackEnv":"dev"}', 'us-east-1';
    => CreateResource AWS::ApiGatewayV2::Api in us-east-1
       desired state: {"Name":"orders-api-dev","ProtocolType":"HTTP","Description":"orders service","Tags":{"Name":"orders-api-dev","Provisioner":"skyql","StackName":"orders-api","StackEnv":"dev"}}
    exports: api_id = (known after build), api_endpoint = (known after build)

+ orders_integration: create (depends on api (api_id))
    INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationType, IntegrationMethod, IntegrationUri, PayloadFormatVersion, TimeoutInMillis, region)
    SELECT '(known after build)', 'HTTP_PROXY', 'GET', 'https://example.com/orders', '1.0', 10000, 'us-east-1';
    => CreateResource AWS::ApiGatewayV2::Integration in us-east-1
       desired state: {"ApiId":"(known after build)","IntegrationType":"HTTP_PROXY","IntegrationMethod":"GET","IntegrationUri":"https://example.com/orders","PayloadFormatVersion":"1.0","TimeoutInMillis":10000}
    exports: orders_integration_id = (known after build)

+ orders_route: create (depends on api (api_id))
    INSERT INTO aws.apigatewayv2.routes (ApiId, RouteKey, Target, region)
    SELECT '(known after build)', 'GET /orders', 'integrations/(known after build)', 'us-east-1';
    => CreateResource AWS::ApiGatewayV2::Route in us-east-1
       desired state: {"ApiId":"(known after build)","RouteKey":"GET /orders","Target":"integrations/(known after build)"}
    exports: route_id = (known after build)

  urls: read (query; it depends on api (api_endpoint))
    exports: orders_url = (known after build)

Plan: 3 to create, 0 to update; 0 unchanged, 1 read.
`;

test('deploy plan: one block per resource (mark, decision, statement, calls, exports) and a summary on stdout; exit 0, or with --detailed-exitcode 2 for changes, 0 for none, 1 for an error', async () => {
  const region = ['-e', 'AWS_REGION=us-east-1'];
  const fresh = await skyqlDeploy(['plan', STACK, 'dev', ...region]);
  assert.equal(fresh.code, 0, fresh.stderr);
  assert.equal(fresh.stdout, FRESH_PLAN);
  assert.equal(fresh.stderr, '');
  assert.equal((await skyqlDeploy(['plan', STACK, 'dev', ...region, '--detailed-exitcode'])).code, 2);

  // Built in-process (the CLI's build is the test above); a plan of what exists is no change.
  const b = await deploy(cloud, 'build', STACK, 'dev');
  assert.equal(b.error, undefined, b.stderr);
  const same = await skyqlDeploy(['plan', STACK, 'dev', ...region, '--detailed-exitcode']);
  assert.equal(same.code, 0, same.stderr);
  assert.match(same.stdout, /^ {2}api: nothing to do \(it exists, its statecheck passes\)\n {4}exports: api_id = (\w+), api_endpoint = https:\/\/\1\.execute-api\.us-east-1\.amazonaws\.com\n$/m);
  assert.match(same.stdout, /\nNo changes: build would write nothing \(3 unchanged, 1 read\)\.\n$/);
  // An update's plan text: deploy-plan.test.ts.
  const d = await deploy(cloud, 'teardown', STACK, 'dev');
  assert.equal(d.error, undefined, d.stderr);

  // An error (in-process: it ends before the plan is printed) is 1, not the 2 of a stack problem.
  const bad = await runCommand(deployCommand(), ['plan', join(EXAMPLES, 'aws-single-vpc-with-if'), 'qa', ...region, '--detailed-exitcode']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^error: .*has no value for environment 'qa'/m);
});

test('deploy init NAME writes the starter and says how to run it; a second init into the same folder is refused, exit 2', async () => {
  const r = await skyqlDeploy(['init', 'Demo Stack']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^wrote stack 'demo-stack' in demo-stack\/:\n {2}demo-stack\/stackql_manifest\.yml\n {2}demo-stack\/resources\/api\.iql\n/);
  assert.match(r.stdout, /^ {2}skyql deploy build {4}demo-stack dev --env-file demo-stack\/\.env\.example --local$/m);
  assert.ok(existsSync(join(dir, 'demo-stack', 'resources', 'api.iql')));
  // Refused before anything is written or printed: in-process, in the same folder.
  const again = await runCommand(deployCommand(), ['init', 'demo-stack', '--dir', join(dir, 'demo-stack')]);
  assert.equal(again.code, 2);
  assert.equal(again.stderr.split('\n').length, 2, again.stderr);
  assert.match(again.stderr, /^error: init: \S*demo-stack already holds files/);
});

// skyql deploy init: the starter project, as written, plans, builds, tests, plans again
// with nothing to do and tears down against the local cloud, its environment read from
// the .env.example it comes with. init never writes into a folder that holds files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeployEnv } from '../../src/deploy/env-file.js';
import { initStack, stackName } from '../../src/deploy/starter-project.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { deploy, held, plan } from './deploy-support.js';

let cloud: TestCloud;
let root: string;

before(async () => {
  cloud = await startTestCloud();
  root = mkdtempSync(join(tmpdir(), 'skyql-init-'));
});
after(async () => {
  rmSync(root, { recursive: true, force: true });
  await cloud.close();
});

test('names are made lower-case and hyphenated, as stackql-deploy does; what cannot be a name is refused', () => {
  assert.equal(stackName('Orders Service_2'), 'orders-service-2');
  assert.throws(() => stackName('  --  '), /does not make a stack name/);
  assert.throws(() => stackName('9lives'), /starting with a letter/);
});

test('init writes the starter; it plans, builds, tests and tears down as written', async () => {
  const dir = join(root, 'orders');
  const r = initStack('Orders Service', dir);
  assert.deepEqual(r, { name: 'orders-service', dir, files: ['stackql_manifest.yml', 'resources/api.iql', 'README.md', '.env.example', '.gitignore'] });
  assert.match(readFileSync(join(dir, 'stackql_manifest.yml'), 'utf8'), /^name: "orders-service"$/m);
  const opts = { env: loadDeployEnv(join(dir, '.env.example'), true, []) };
  assert.deepEqual(opts.env, { AWS_REGION: 'us-east-1' });

  const first = await plan(cloud, dir, 'dev', opts);
  assert.equal(first.error, undefined, first.stderr);
  assert.deepEqual(first.result!.resources.map((x) => [x.name, x.action]), [['api', 'create']]);

  const b = await deploy(cloud, 'build', dir, 'dev', opts);
  assert.equal(b.error, undefined, b.stderr);
  assert.deepEqual(b.result!.resources.map((x) => x.action), ['created, statecheck passed']);
  assert.match(String(b.result!.exports.api_endpoint), /^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com$/);

  const t = await deploy(cloud, 'test', dir, 'dev', opts);
  assert.equal(t.error, undefined, t.stderr);
  assert.deepEqual(t.result!.resources.map((x) => x.action), ['passed (statecheck)']);

  const again = await plan(cloud, dir, 'dev', opts);
  assert.equal(again.result?.changes, 0, again.text);
  assert.equal(again.writes, 0);

  const d = await deploy(cloud, 'teardown', dir, 'dev', opts);
  assert.equal(d.error, undefined, d.stderr);
  assert.deepEqual(d.result!.resources.map((x) => x.action), ['deleted']);
  assert.deepEqual(await held(cloud, 'AWS::ApiGatewayV2::Api'), []);
});

test('init refuses a folder that holds files, and writes into an empty one', () => {
  const full = join(root, 'full');
  mkdirSync(full);
  writeFileSync(join(full, 'notes.txt'), 'mine\n');
  assert.throws(() => initStack('x', full), /full already holds files \(notes\.txt\); init writes only into a new or empty folder and never overwrites/);
  assert.equal(readFileSync(join(full, 'notes.txt'), 'utf8'), 'mine\n');
  assert.ok(!existsSync(join(full, 'stackql_manifest.yml')));

  const empty = join(root, 'empty');
  mkdirSync(empty);
  assert.equal(initStack('x', empty).files.length, 5);
  assert.throws(() => initStack('x', empty), /already holds files/);
});

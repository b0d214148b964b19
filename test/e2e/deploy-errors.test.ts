// Deploy's errors are one line naming file, anchor and line: a missing anchor, a prop
// with no value for the environment, an exports query returning no row, a template
// error, a statecheck still failing after its retries (with the query and what it
// returned). Retries wait on the injected clock only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy } from '../support/request-witness.js';
import { deploy, held } from './deploy-support.js';

let cloud: TestCloud;
let root: string;
let n = 0;

before(async () => {
  cloud = await startTestCloud();
  root = mkdtempSync(join(tmpdir(), 'skyql-deploy-errors-'));
});
after(async () => {
  rmSync(root, { recursive: true, force: true });
  await cloud.close();
});

const HEAD = `version: 1
name: errs
providers: [aws]
globals:
  - name: region
    value: "{{ AWS_REGION }}"
resources:
`;

/** A stack in a fresh directory: the manifest's resources part and its query files. */
function stack(resources: string, files: Record<string, string>): string {
  const dir = join(root, `s${++n}`);
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'stackql_manifest.yml'), HEAD + resources);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'resources', name), text);
  return dir;
}

const API_EXISTS = `/*+ exists */
SELECT COUNT(*) as count FROM aws.apigatewayv2.apis WHERE region = '{{ region }}' AND name = '{{ api_name }}'
`;

test('a resource without a create anchor is refused, naming the file, before any call', async () => {
  const dir = stack('  - name: api\n    props:\n      - name: api_name\n        value: x\n', { 'api.iql': API_EXISTS });
  const proxy = await recordingProxy(cloud);
  try {
    const r = await deploy(cloud, 'build', dir, 'dev', { endpoint: proxy.endpoint });
    assert.equal(r.error?.message, "resources/api.iql: resource 'api' has no create or createorupdate anchor; build needs one");
    assert.deepEqual(proxy.calls, []);
  } finally {
    await proxy.close();
  }
});

test('a template error names the file, anchor and line of the file', async () => {
  const dir = stack('  - name: api\n    props:\n      - name: api_name\n        value: x\n', {
    'api.iql': `${API_EXISTS}
/*+ create */
INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region)
SELECT '{{ api_name }}', '{{ protocol }}', '{{ region }}'
`,
  });
  const r = await deploy(cloud, 'build', dir, 'dev');
  assert.equal(
    r.error?.message,
    "template variable 'protocol' is not defined (resources/api.iql [create], line 6): define it as a prop of resource 'api' or a global, or export it from an earlier resource",
  );
  assert.equal(r.writes, 0);
});

test('an environment variable used outside the globals is named as one, with the fix', async () => {
  const dir = stack('  - name: api\n    props:\n      - name: api_name\n        value: "{{ AWS_REGION }}-api"\n', { 'api.iql': API_EXISTS });
  const r = await deploy(cloud, 'build', dir, 'dev');
  assert.match(r.error?.message ?? '', /^template variable 'AWS_REGION' is not defined \(.*stackql_manifest\.yml line 11, resources\[0\]\.props\[0\] \(api_name\), line 1\): did you mean 'region'\? Otherwise AWS_REGION is an environment variable, and only globals see those/);
});

test('an exports query that returns no row fails after its retries, which wait on the clock and not for real', async () => {
  const dir = stack('  - name: lookup\n    type: query\n    exports:\n      - api_id\n', {
    'lookup.iql': `/*+ exports, retries=3, retry_delay=5 */
SELECT api_id FROM aws.apigatewayv2.apis WHERE region = '{{ region }}' AND name = 'no-such-api'
`,
  });
  const started = performance.now();
  const r = await deploy(cloud, 'build', dir, 'dev');
  assert.equal(
    r.error?.message,
    "resources/lookup.iql line 1 [exports]: the exports query of 'lookup' returned no row after 3 tries 5 s apart; it must return exactly one. Query: SELECT api_id FROM aws.apigatewayv2.apis WHERE region = 'us-east-1' AND name = 'no-such-api'",
  );
  assert.deepEqual(r.slept, [5000, 5000]);
  assert.ok(performance.now() - started < 5000, 'retry_delay=5 cost real seconds');
});

test('an exports query missing a listed column says which columns it returned', async () => {
  const dir = stack('  - name: lookup\n    type: query\n    exports:\n      - api_id\n', {
    'lookup.iql': "/*+ exports */\nSELECT 'x' AS id\n",
  });
  const r = await deploy(cloud, 'build', dir, 'dev');
  assert.equal(r.error?.message, "resources/lookup.iql line 1 [exports]: resource 'lookup' exports 'api_id', but its exports query returned only id");
});

test('a statecheck still failing after its retries names file, anchor, line, the query and what it returned; the created API stays for teardown', async () => {
  const dir = stack('  - name: api\n    props:\n      - name: api_name\n        value: errs-api\n', {
    'api.iql': `${API_EXISTS}
/*+ create */
INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region)
SELECT '{{ api_name }}', 'HTTP', '{{ region }}'

/*+ statecheck, retries=4, retry_delay=5 */
SELECT COUNT(*) as count FROM aws.apigatewayv2.apis
WHERE region = '{{ region }}' AND name = '{{ api_name }}' AND description = 'never set'

/*+ delete */
DELETE FROM aws.apigatewayv2.apis WHERE data__Identifier = '{{ api_id }}' AND region = '{{ region }}'
`,
  });
  const r = await deploy(cloud, 'build', dir, 'dev');
  assert.equal(
    r.error?.message,
    "resources/api.iql line 8 [statecheck]: 'api' is still not in the desired state after it was created (4 checks 5 s apart); " +
      `the statecheck returned [{"count":0}]. Query: SELECT COUNT(*) as count FROM aws.apigatewayv2.apis WHERE region = 'us-east-1' AND name = 'errs-api' AND description = 'never set'`,
  );
  assert.deepEqual(r.slept, [5000, 5000, 5000]);
  assert.equal(r.writes, 1);
  assert.equal((await held(cloud, 'AWS::ApiGatewayV2::Api')).length, 1);
  // A teardown of this stack needs api_id, which nothing exports: the render says so.
  const t = await deploy(cloud, 'teardown', dir, 'dev');
  assert.match(t.error?.message ?? '', /^template variable 'api_id' is not defined \(resources\/api\.iql \[delete\], line 13\)/);
  assert.equal(t.writes, 0);
});

test('manifest problems name the file, line and field', async () => {
  const cases: [string, RegExp][] = [
    ['  - name: a\n    type: resorce\n', /stackql_manifest\.yml line 9: resources\[0\]\.type of 'a' must be one of resource, query, script, multi, command, got "resorce"$/],
    ['  - name: a\n  - name: a\n', /stackql_manifest\.yml line 9: resources\[1\]\.name 'a' is used twice \(first at resources\[0\]\); resource names must be unique$/],
    ['  - name: a\n    props:\n      - name: p\n', /stackql_manifest\.yml line 10: resources\[0\]\.props\[0\] 'p' needs value, values \(per environment\) or merge$/],
    ['  - name: a\n    exports:\n      - x\n      - y: z\n', /stackql_manifest\.yml line 10: resources\[0\]\.exports mixes names and \{column: name\} maps; write all of one kind$/],
    ['  - name: a\n   bad: [\n', /stackql_manifest\.yml line \d+: not valid YAML: /],
  ];
  for (const [resources, message] of cases) {
    const r = await deploy(cloud, 'build', stack(resources, {}), 'dev');
    assert.match(r.error?.message ?? '(no error)', message);
  }
});

test('a provider skyql lacks is refused up front, naming the line and the providers it has, making no call', async () => {
  const dir = stack('  - name: r1\n    props: []\n', { 'r1.iql': '/*+ exists */\nSELECT 1 AS count;\n' });
  const manifest = join(dir, 'stackql_manifest.yml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('providers: [aws]', 'providers: [google::v24.1]'));
  const proxy = await recordingProxy(cloud);
  try {
    const r = await deploy(cloud, 'build', dir, 'dev', { endpoint: proxy.endpoint });
    assert.match(r.error?.message ?? '', /providers\[0\] is 'google::v24\.1', but skyql has no provider 'google' \(it has aws, awscc\)/);
    assert.deepEqual(proxy.calls, []);
  } finally {
    await proxy.close();
  }
});

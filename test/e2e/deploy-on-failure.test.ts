// build --on-failure rollback|ignore on test/fixtures/deploy-failing-stack: an API that
// existed before the build (build updates it), the stack's API and integration, a bucket
// Cloud Control refuses (a tag without Value), a query needing the bucket's export and a
// route that does not. rollback deletes exactly what the build created and leaves the
// older API updated; ignore goes on past the bucket; a create whose outcome is unknown
// is never deleted blind, nor is what it depends on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import type { BuildFailureReport } from '../../src/deploy/build-stack.js';
import { BuildFailedError } from '../../src/deploy/errors.js';
import { engineRunner, rowsOf } from '../../src/deploy/sql-runner.js';
import { Engine } from '../../src/exec/engine.js';
import { writeReport } from '../../src/exec/write-report.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy, writes } from '../support/request-witness.js';
import { deploy, FIXTURES, held } from './deploy-support.js';

const STACK = join(FIXTURES, 'deploy-failing-stack');
const API = 'AWS::ApiGatewayV2::Api';

let cloud: TestCloud;
let shared: string;

before(async () => {
  cloud = await startTestCloud();
  // Made outside the stack, before any build: never to be deleted by a rollback.
  shared = (await cloud.create(API, { Name: 'failing-stack-shared', ProtocolType: 'HTTP', Description: 'made by hand', Tags: { Owner: 'platform' } })).Identifier!;
});
after(async () => cloud.close());

async function description(id: string): Promise<unknown> {
  const r = await cloud.client().send(new GetResourceCommand({ TypeName: API, Identifier: id }));
  return (JSON.parse(r.ResourceDescription!.Properties!) as Record<string, unknown>).Description;
}

function reportOf(e: Error | undefined): BuildFailureReport {
  assert.ok(e instanceof BuildFailedError, `expected a BuildFailedError, got ${e?.message}`);
  return (e as BuildFailedError<BuildFailureReport>).report;
}

test('rollback: the bucket fails; the API and integration this build created are deleted in reverse order and confirmed gone; the older API stays, updated', async () => {
  const proxy = await recordingProxy(cloud);
  let r;
  try {
    r = await deploy(cloud, 'build', STACK, 'dev', { onFailure: 'rollback', endpoint: proxy.endpoint });
  } finally {
    await proxy.close();
  }
  const report = reportOf(r.error);
  assert.equal((r.error as BuildFailedError).outcome, 'failed');
  assert.deepEqual(report.failed.map((f) => f.name), ['logs_bucket']);
  assert.match(report.failed[0].message, /Tags/);
  assert.deepEqual(report.built.map((o) => [o.name, o.action]), [
    ['shared_api', 'updated, statecheck passed'],
    ['api', 'created, statecheck passed'],
    ['orders_integration', 'created, statecheck passed'],
  ]);
  assert.deepEqual(report.rolledBack, [
    { name: 'orders_integration', action: 'deleted' },
    { name: 'api', action: 'deleted' },
  ]);
  assert.deepEqual(report.leftUpdated, ['shared_api']);
  assert.deepEqual(report.notBuilt, ['logs_url', 'orders_route']);
  assert.deepEqual([report.unknown, report.rollbackFailed, report.notRolledBack], [[], [], []]);

  // The calls: one update of the older API, three creates (the bucket's refused), and
  // deletes of the integration then the API this build made, never of the older one.
  const made = writes(proxy.calls);
  const created = made.filter((c) => c.operation === 'CreateResource').map((c) => c.input.TypeName);
  assert.deepEqual(created, [API, 'AWS::ApiGatewayV2::Integration', 'AWS::S3::Bucket']);
  assert.deepEqual(made.filter((c) => c.operation === 'UpdateResource').map((c) => c.input.Identifier), [shared]);
  const deleted = made.filter((c) => c.operation === 'DeleteResource').map((c) => [c.input.TypeName, c.input.Identifier]);
  assert.deepEqual(deleted.map(([type]) => type), ['AWS::ApiGatewayV2::Integration', API]);
  assert.ok(!deleted.some(([, id]) => String(id) === shared || String(id).startsWith(`${shared}|`)), 'the older API was touched by the rollback');

  assert.deepEqual(await held(cloud, API), [shared]);
  assert.equal(await description(shared), 'shared by several stacks');
  assert.deepEqual(await held(cloud, 'AWS::ApiGatewayV2::Integration', { ApiId: shared }), []);
  assert.deepEqual(await held(cloud, 'AWS::S3::Bucket'), []);
  assert.match(r.stderr, /^rollback: deleting what this build created, in reverse order: orders_integration, api$/m);
  assert.match(r.stderr, /^ {2}api +rolled back \(deleted\) +\d+\.\d\d s$/m);
  assert.match(
    r.error!.message,
    /^build of failing-stack \(dev\) failed at 'logs_bucket' \(--on-failure rollback\):\n {2}failed: logs_bucket: [\s\S]*\n {2}created by this build and rolled back \(deleted, confirmed gone\): orders_integration, api\n {2}left as updated \(they existed before this build; an update is not undone\): shared_api\n {2}not built: logs_url, orders_route$/,
  );
});

test('ignore: the bucket and the query needing its export fail, each saying why; the route after them is built; the report lists both', async () => {
  const r = await deploy(cloud, 'build', STACK, 'dev', { onFailure: 'ignore' });
  const report = reportOf(r.error);
  assert.deepEqual(r.result, undefined);
  assert.deepEqual(report.failed.map((f) => f.name), ['logs_bucket', 'logs_url']);
  assert.equal(report.failed[1].message, "'logs_url' needs logs_bucket (logs_bucket_arn): that resource failed, so it is not built");
  assert.deepEqual(report.built.map((o) => [o.name, o.action]), [
    ['shared_api', 'exists, in desired state'],
    ['api', 'created, statecheck passed'],
    ['orders_integration', 'created, statecheck passed'],
    ['orders_route', 'created, statecheck passed'],
  ]);
  assert.match(r.stderr, /^ {2}logs_url +FAILED/m);
  assert.match(r.stderr, /^build failed after \d+\.\d\d s: 1 exists, 3 created, 2 FAILED$/m);
  const apis = await held(cloud, API);
  assert.equal(apis.length, 2);
  const own = apis.find((id) => id !== shared)!;
  assert.equal((await held(cloud, 'AWS::ApiGatewayV2::Route', { ApiId: own })).length, 1);

  const t = await deploy(cloud, 'teardown', STACK, 'dev');
  assert.equal(t.error, undefined, t.stderr);
  assert.deepEqual(await held(cloud, API), []);
});

test('rollback with a create of unknown outcome: it is not deleted blind, nor the API it needs; its request token is named; what is independent of it is rolled back; exit code 3', async () => {
  const engine = new Engine({ aws: { endpointUrl: cloud.endpoint }, await: true });
  const inner = engineRunner(engine);
  let token = '';
  // The integration's create reaches the cloud, but its outcome is lost on the way back.
  const queries = {
    async run(sql: string, signal?: AbortSignal) {
      const results = await inner.run(sql, signal);
      if (!/^INSERT INTO aws\.apigatewayv2\.integrations/m.test(sql)) return results;
      token = String(rowsOf(results[0])[0].request_token);
      throw writeReport('CreateResource', 'AWS::ApiGatewayV2::Integration', true, [
        { label: 'row 1', region: 'us-east-1', outcome: { kind: 'unknown', why: 'the answer was lost', clientToken: 'c-1', requestToken: token } },
      ])!;
    },
  };
  let r;
  try {
    r = await deploy(cloud, 'build', STACK, 'dev', { onFailure: 'rollback', queries });
  } finally {
    engine.close();
  }
  const report = reportOf(r.error);
  assert.equal((r.error as BuildFailedError).outcome, 'unknown');
  assert.deepEqual(report.failed.map((f) => f.name), ['orders_integration']);
  assert.deepEqual(report.unknown, [
    { name: 'orders_integration', anchor: 'create', tokens: [token], check: `SELECT operation_status, identifier, error_code FROM aws.cloud_control.resource_requests WHERE data__RequestToken = '${token}' AND region = 'us-east-1'` },
  ]);
  assert.deepEqual(report.notRolledBack, [{ name: 'api', why: 'created by this build, kept because orders_integration (outcome unknown) depends on it' }]);
  assert.deepEqual(report.rolledBack, [{ name: 'shared_api', action: 'deleted' }]);
  assert.match(r.error!.message, new RegExp(`outcome UNKNOWN, not rolled back: orders_integration \\[create\\] \\(request ${token}\\)`));

  const apis = await held(cloud, API);
  assert.equal(apis.length, 1, 'the shared API (created by this build) is gone, the one the integration needs is kept');
  assert.equal((await held(cloud, 'AWS::ApiGatewayV2::Integration', { ApiId: apis[0] })).length, 1);
  await deploy(cloud, 'teardown', STACK, 'dev');
  assert.deepEqual(await held(cloud, API), []);
});

test('rollback of the failing resource itself: created, then its statecheck never passes; its exports are looked up and it is deleted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-rollback-'));
  try {
    mkdirSync(join(dir, 'resources'));
    writeFileSync(
      join(dir, 'stackql_manifest.yml'),
      'version: 1\nname: half\nproviders: [aws]\nglobals:\n  - name: region\n    value: "{{ AWS_REGION }}"\nresources:\n  - name: api\n    exports:\n      - api_id\n',
    );
    writeFileSync(
      join(dir, 'resources', 'api.iql'),
      `/*+ exists */
SELECT COUNT(*) as count FROM aws.apigatewayv2.apis WHERE region = '{{ region }}' AND name = 'half-api'

/*+ create */
INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) SELECT 'half-api', 'HTTP', '{{ region }}'

/*+ statecheck, retries=3, retry_delay=5 */
SELECT COUNT(*) as count FROM aws.apigatewayv2.apis WHERE region = '{{ region }}' AND name = 'half-api' AND description = 'never set'

/*+ exports */
SELECT api_id FROM aws.apigatewayv2.apis WHERE region = '{{ region }}' AND name = 'half-api'

/*+ delete */
DELETE FROM aws.apigatewayv2.apis WHERE data__Identifier = '{{ api_id }}' AND region = '{{ region }}'
`,
    );
    const r = await deploy(cloud, 'build', dir, 'dev', { onFailure: 'rollback' });
    const report = reportOf(r.error);
    assert.match(report.failed[0].message, /still not in the desired state after it was created \(3 checks 5 s apart\)/);
    assert.deepEqual(report.rolledBack, [{ name: 'api', action: 'deleted' }]);
    assert.deepEqual(r.slept, [5000, 5000], 'only the statecheck waited, on the clock');
    assert.deepEqual(await held(cloud, API), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

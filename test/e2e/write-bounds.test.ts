// Bounded means pinned, and a script is checked whole before its first call (issue
// "Writes that cannot surprise"). WHERE clauses that match everything are read and
// refused; a refusal anywhere in a script runs none of it. Witnesses: every call the
// engine sent (reads allowed, writes never) and what the cloud holds.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { runScript } from '../support/engine-harness.js';
import { integrationsFixture, type IntegrationsFixture } from '../support/integrations-fixture.js';
import { writes } from '../support/request-witness.js';

const TABLE = 'aws.apigatewayv2.integrations';
let fx: IntegrationsFixture;
let proxy: IntegrationsFixture['proxy'];
let apiId: string;
const descriptions = () => fx.descriptions();

before(async () => {
  fx = await integrationsFixture('bounds');
  ({ proxy, apiId } = fx);
});

after(() => fx.close());

beforeEach(() => {
  proxy.calls.length = 0;
});

const MATCH_ALL = [
  "region = 'us-east-1' AND (1=1 OR data__Identifier = 'x')",
  "region = 'us-east-1' AND data__Identifier LIKE '%'",
  "region = 'us-east-1' AND data__Identifier <> 'x'",
  "region = 'us-east-1' AND NOT data__Identifier = 'x'",
  "region = 'us-east-1' AND data__Identifier IS NOT NULL",
  "region = 'us-east-1' AND data__Identifier = data__Identifier",
];

for (const where of MATCH_ALL) {
  test(`DELETE and UPDATE WHERE ${where}: read, then refused as matching every resource; no write`, async () => {
    for (const sql of [`DELETE FROM ${TABLE} WHERE ${where}`, `UPDATE ${TABLE} SET description = 'x' WHERE ${where}`]) {
      const r = await runScript(proxy.endpoint, sql);
      assert.match(String(r.error?.message), /would (delete|change) every resource it read \(3 of 3 in us-east-1\): its WHERE does not pin data__Identifier, or api_id and integration_id, or api_id to values/, sql);
      assert.equal(r.error?.constructor.name, 'PlanError');
    }
    assert.deepEqual(writes(proxy.calls), []);
    assert.deepEqual(await descriptions(), ['a', 'b', 'c']);
  });
}

test('a WHERE that matches some of what it read runs; --dry-run reads and shows the count', async () => {
  const dry = await runScript(proxy.endpoint, `UPDATE ${TABLE} SET description = 'b2' WHERE region = 'us-east-1' AND description = 'b'`, { dryRun: true });
  assert.equal(dry.error, undefined);
  assert.deepEqual(dry.results[0].notices, [`UPDATE would change 1 of the 3 ${TABLE} read`]);
  assert.deepEqual(writes(proxy.calls), []);
  const r = await runScript(proxy.endpoint, `UPDATE ${TABLE} SET description = 'b2' WHERE region = 'us-east-1' AND description = 'b'`, { await: true });
  assert.equal(r.error, undefined);
  assert.equal(writes(proxy.calls).length, 1);
  assert.deepEqual(await descriptions(), ['a', 'b2', 'c']);
});

test('--allow-unbounded lets a match-all WHERE through (here, in a dry run)', async () => {
  const r = await runScript(proxy.endpoint, `DELETE FROM ${TABLE} WHERE region = 'us-east-1' AND data__Identifier LIKE '%'`, { dryRun: true, allowUnbounded: true });
  assert.equal(r.error, undefined);
  assert.equal(r.results[0].rows.length, 3);
  assert.deepEqual(writes(proxy.calls), []);
});

test('a script refused in its second statement runs nothing: not the INSERT before it', async () => {
  const insert = `INSERT INTO ${TABLE} (ApiId, IntegrationType, Description, region) VALUES ('${apiId}', 'HTTP_PROXY', 'new', 'us-east-1')`;
  const cases: [string, RegExp][] = [
    [`${insert}; DELETE FROM ${TABLE} WHERE region = 'us-east-1'`, /names nothing but region/],
    [`${insert}; SELECT no_such_column FROM ${TABLE} WHERE region = 'us-east-1'`, /Unknown column 'no_such_column'/],
    [`${insert}; UPDATE ${TABLE} SET no_such = 1 WHERE data__Identifier = 'x' AND region = 'us-east-1'`, /no_such/],
    [`${insert}; INSERT INTO ${TABLE} (ApiId, region) VALUES ('x', 'us-east-1')`, /IntegrationType/],
    [`${insert}; SELECT api_id FROM ${TABLE}`, /needs a region/],
    [
      `${insert}; DELETE FROM ${TABLE} WHERE region = 'us-east-1' AND description = 'new'`,
      /statement 2 \(DELETE on aws\.apigatewayv2\.integrations\) does not pin its rows to identifiers.*statement 1 writes aws\.apigatewayv2\.integrations before it.*Nothing was run/,
    ],
  ];
  for (const [script, message] of cases) {
    const r = await runScript(proxy.endpoint, script);
    assert.match(String(r.error?.message), message, script);
    assert.deepEqual(r.results, [], script);
  }
  assert.deepEqual(writes(proxy.calls), []);
  assert.deepEqual(await descriptions(), ['a', 'b2', 'c']);
});

test('a pinned write needs no read: by parent, by identifier columns', async () => {
  const r = await runScript(proxy.endpoint, `DELETE FROM ${TABLE} WHERE region = 'us-east-1' AND api_id = '${apiId}'`, { dryRun: true });
  assert.equal(r.error, undefined);
  assert.deepEqual(proxy.calls, []);
});

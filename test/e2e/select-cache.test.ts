// The result cache (--cache-ttl): repeated reads are answered without calls until the
// TTL passes; /*+ NOCACHE */ reads afresh; a write through skyql drops its service's
// answers, and a write's own reads never come from the cache.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ResultCache } from '../../src/exec/result-cache.js';
import { runScript } from '../support/engine-harness.js';
import { integrationsFixture, type IntegrationsFixture } from '../support/integrations-fixture.js';

const LIST = "SELECT integration_id, description FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' ORDER BY description";
let fx: IntegrationsFixture;
let now = 0;
let cache: ResultCache;

before(async () => {
  fx = await integrationsFixture('cache');
});

after(() => fx.close());

beforeEach(() => {
  fx.proxy.calls.length = 0;
  cache = new ResultCache(30_000, () => now);
});

async function select(sql = LIST): Promise<unknown[][]> {
  const r = await runScript(fx.proxy.endpoint, sql, { cache });
  assert.equal(r.error, undefined);
  return r.results[0].rows;
}

test('a repeated SELECT is answered from the cache, with no call, until the TTL passes', async () => {
  const first = await select();
  const calls = fx.proxy.calls.length;
  assert.ok(calls >= 5, `lists and gets: ${calls}`);
  assert.deepEqual(await select(), first);
  assert.equal(fx.proxy.calls.length, calls, 'no call for the second run');
  assert.equal(cache.hits, calls);
  now += 30_000;
  await select();
  assert.equal(fx.proxy.calls.length, calls * 2, 'expired: read again');
});

test('/*+ NOCACHE */ reads afresh', async () => {
  await select();
  const calls = fx.proxy.calls.length;
  await select(`/*+ NOCACHE */ ${LIST}`);
  assert.equal(fx.proxy.calls.length, calls * 2);
});

test("a write through skyql drops its service's answers; its own reads are fresh", async () => {
  const before = await select();
  const updated = await runScript(
    fx.proxy.endpoint,
    "UPDATE aws.apigatewayv2.integrations SET description = 'z' WHERE region = 'us-east-1' AND description = 'a'",
    { cache, await: true },
  );
  assert.equal(updated.error, undefined);
  const after = await select();
  assert.notDeepEqual(after, before);
  assert.ok(after.some((r) => r[1] === 'z'));
  await runScript(fx.proxy.endpoint, "UPDATE aws.apigatewayv2.integrations SET description = 'a' WHERE region = 'us-east-1' AND description = 'z'", { cache, await: true });
});

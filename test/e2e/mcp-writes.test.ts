// Writes through skyql mcp: a write tool's first answer is its plan and a token, and only
// that token, echoed with the very statement and vars it was issued for, runs the write.
// Witnesses: a recording proxy in front of the local cloud, and what the cloud holds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { integrationsFixture, type IntegrationsFixture } from '../support/integrations-fixture.js';
import { writes } from '../support/request-witness.js';
import { call, connectInProcess, json, text, type Connected } from './mcp-harness.js';

interface Planned {
  status: string;
  changed: boolean;
  calls: Record<string, unknown>[];
  matches?: Record<string, unknown>[];
  plan_token: string;
  notices?: string[];
}

let fx: IntegrationsFixture;
let full: Connected;
let safe: Connected;
/** Description → integration identifier (ApiId|IntegrationId). */
const ids = new Map<string, string>();

before(async () => {
  fx = await integrationsFixture('mcp-writes', ['a', 'b', 'c']);
  full = await connectInProcess(fx.proxy.endpoint, 'full');
  safe = await connectInProcess(fx.proxy.endpoint, 'safe');
  const rows = json<{ rows: { integration_id: string; description: string }[] }>(
    await call(full.client, 'run_select', { statement: `SELECT integration_id, description FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = '${fx.apiId}'` }),
  ).rows;
  for (const r of rows) ids.set(r.description, `${fx.apiId}|${r.integration_id}`);
});

after(async () => {
  await full.close();
  await safe.close();
  await fx.close();
});

const deleteOf = (description: string) => `DELETE FROM aws.apigatewayv2.integrations WHERE data__Identifier = '${ids.get(description)}' AND region = 'us-east-1'`;

test('full mode has every write tool; safe has no run_delete and refuses DELETE', async () => {
  const names = async (c: Connected) => (await c.client.listTools()).tools.map((t) => t.name).filter((n) => /^run_(insert|update|delete)$/.test(n)).sort();
  assert.deepEqual(await names(full), ['run_delete', 'run_insert', 'run_update']);
  assert.deepEqual(await names(safe), ['run_insert', 'run_update']);
  const r = await call(safe.client, 'run_update', { statement: deleteOf('a') });
  assert.equal(r.isError, true);
  assert.match(text(r), /run_update runs UPDATE only, and this statement is a DELETE: this server runs in safe mode, which refuses DELETE/);
});

test('a DELETE returns its plan and a token first, and runs only when that token comes back with that statement', async () => {
  const before = fx.proxy.calls.length;
  const plan = json<Planned>(await call(full.client, 'run_delete', { statement: deleteOf('a') }));
  assert.equal(plan.status, 'planned');
  assert.equal(plan.changed, false);
  assert.deepEqual(plan.calls.map((c) => [c.operation, c.identifier]), [['DeleteResource', ids.get('a')]]);
  assert.match(plan.plan_token, /^plan_/);
  assert.deepEqual(writes(fx.proxy.calls.slice(before)), [], 'planning wrote nothing');
  assert.deepEqual(await fx.descriptions(), ['a', 'b', 'c']);

  // The token of a's plan, with b's DELETE: refused, and the token is spent.
  const other = await call(full.client, 'run_delete', { statement: deleteOf('b'), plan_token: plan.plan_token });
  assert.equal(other.isError, true);
  assert.match(text(other), /^error: plan_token was issued for a different statement or different vars, so nothing was run/);
  const reused = await call(full.client, 'run_delete', { statement: deleteOf('a'), plan_token: plan.plan_token });
  assert.match(text(reused), /not one this server issued, or it was already used/);
  const forged = await call(full.client, 'run_delete', { statement: deleteOf('a'), plan_token: 'plan_guess' });
  assert.match(text(forged), /not one this server issued/);
  assert.deepEqual(writes(fx.proxy.calls.slice(before)), []);
  assert.deepEqual(await fx.descriptions(), ['a', 'b', 'c']);

  // A fresh plan, echoed as issued: the DELETE runs (awaited), once.
  const again = json<Planned>(await call(full.client, 'run_delete', { statement: deleteOf('a') }));
  const done = json<{ status: string; results: Record<string, unknown>[] }>(
    await call(full.client, 'run_delete', { statement: deleteOf('a'), plan_token: again.plan_token }),
  );
  assert.equal(done.status, 'done');
  assert.deepEqual(done.results.map((r) => [r.operation, r.operation_status, r.identifier]), [['DELETE', 'SUCCESS', ids.get('a')]]);
  assert.deepEqual(writes(fx.proxy.calls.slice(before)).map((c) => [c.operation, c.input.Identifier]), [['DeleteResource', ids.get('a')]]);
  assert.deepEqual(await fx.descriptions(), ['b', 'c']);
  const twice = await call(full.client, 'run_delete', { statement: deleteOf('a'), plan_token: again.plan_token });
  assert.match(text(twice), /already used/);
  assert.equal(writes(fx.proxy.calls.slice(before)).length, 1);
});

test('a token is bound to the vars too; vars cannot reshape the statement', async () => {
  const sql = "DELETE FROM aws.apigatewayv2.integrations WHERE data__Identifier = '{{ id }}' AND region = 'us-east-1'";
  const plan = json<Planned>(await call(full.client, 'run_delete', { statement: sql, vars: { id: ids.get('b') } }));
  const swapped = await call(full.client, 'run_delete', { statement: sql, vars: { id: ids.get('c') }, plan_token: plan.plan_token });
  assert.match(text(swapped), /different statement or different vars/);
  // A value that tries to widen the WHERE is one (odd) identifier, not SQL.
  const hostile = json<Planned>(await call(full.client, 'run_delete', { statement: sql, vars: { id: "x' OR '1'='1" } }));
  assert.deepEqual(hostile.calls.map((c) => c.identifier), ["x' OR '1'='1"]);
  assert.deepEqual(await fx.descriptions(), ['b', 'c']);
});

test('never unbounded: a DELETE naming only region is refused, even in full mode', async () => {
  const r = await call(full.client, 'run_delete', { statement: "DELETE FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'" });
  assert.equal(r.isError, true);
  assert.match(text(r), /names nothing but region/);
  const every = await call(full.client, 'run_delete', { statement: "DELETE FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND description LIKE '%'" });
  assert.match(text(every), /would delete every resource it read/);
  assert.deepEqual(await fx.descriptions(), ['b', 'c']);
});

test('when what a plan read has changed, the token runs nothing and a new plan comes back', async () => {
  const sql = "DELETE FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND description = 'c'";
  const plan = json<Planned>(await call(full.client, 'run_delete', { statement: sql }));
  assert.deepEqual(plan.calls.map((c) => c.identifier), [ids.get('c')]);
  await fx.cloud.create('AWS::ApiGatewayV2::Integration', { ApiId: fx.apiId, IntegrationType: 'HTTP_PROXY', Description: 'c' });
  const r = await call(full.client, 'run_delete', { statement: sql, plan_token: plan.plan_token });
  assert.equal(r.isError, true);
  assert.match(text(r), /the plan changed since plan_token was issued/);
  const fresh = JSON.parse((r.content[1] as { text: string }).text) as Planned;
  assert.equal(fresh.calls.length, 2);
  assert.deepEqual(await fx.descriptions(), ['b', 'c', 'c']);
});

test('a write pinned by its parent shows the resources it would touch, read now, and changes only those', async () => {
  const statement = `UPDATE aws.apigatewayv2.integrations SET description = 'b2' WHERE api_id = '${fx.apiId}' AND description = 'b' AND region = 'us-east-1'`;
  const plan = json<Planned>(await call(safe.client, 'run_update', { statement }));
  assert.deepEqual(plan.calls.map((c) => [c.operation, c.region]).at(-1), ['UpdateResource', '(each match)']);
  assert.deepEqual(plan.matches, [{ data__Identifier: ids.get('b'), region: 'us-east-1' }]);
  assert.match(plan.notices?.join(' ') ?? '', /would update the 1 resource/);
  const done = json<{ results: Record<string, unknown>[] }>(await call(safe.client, 'run_update', { statement, plan_token: plan.plan_token }));
  assert.deepEqual(done.results.map((r) => [r.operation, r.operation_status, r.identifier]), [['UPDATE', 'SUCCESS', ids.get('b')]]);
  assert.deepEqual(await fx.descriptions(), ['b2', 'c', 'c']);
});

test('safe mode: an INSERT from the tool description runs after its plan', async () => {
  const statement = `INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationType, IntegrationUri, IntegrationMethod, PayloadFormatVersion, Description, region) VALUES ('${fx.apiId}', 'HTTP_PROXY', 'https://example.com', 'ANY', '1.0', 'd', 'us-east-1')`;
  const plan = json<Planned>(await call(safe.client, 'run_insert', { statement }));
  assert.deepEqual(plan.calls.map((c) => c.operation), ['CreateResource']);
  assert.deepEqual(await fx.descriptions(), ['b2', 'c', 'c']);
  const done = json<{ results: Record<string, unknown>[] }>(await call(safe.client, 'run_insert', { statement, plan_token: plan.plan_token }));
  assert.deepEqual(done.results.map((r) => [r.operation, r.operation_status]), [['CREATE', 'SUCCESS']]);
  assert.deepEqual(await fx.descriptions(), ['b2', 'c', 'c', 'd']);
  // A token from another session (server) is not this one's.
  const other = json<Planned>(await call(full.client, 'run_insert', { statement }));
  assert.match(text(await call(safe.client, 'run_insert', { statement, plan_token: other.plan_token })), /not one this server issued/);
});

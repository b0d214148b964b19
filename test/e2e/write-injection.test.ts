// Template values cannot change a statement (issue "Writes that cannot surprise"). Each of
// the four injection forms an attacker tried with the README's own pattern now touches
// exactly what the template author meant: the value stays data. Witnesses: every call the
// engine sent (a recording proxy) and what the cloud holds afterwards.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { runScript, objects } from '../support/engine-harness.js';
import { integrationsFixture, type IntegrationsFixture } from '../support/integrations-fixture.js';
import { writes, type RecordedCall } from '../support/request-witness.js';

let fx: IntegrationsFixture;
let proxy: IntegrationsFixture['proxy'];
let apiId: string;
const descriptions = () => fx.descriptions();

before(async () => {
  fx = await integrationsFixture('inj');
  ({ proxy, apiId } = fx);
});

after(() => fx.close());

beforeEach(() => {
  proxy.calls.length = 0;
});

function identifiers(calls: RecordedCall[]): unknown[] {
  return calls.map((c) => c.input.Identifier);
}

test("DELETE … WHERE data__Identifier = '{{ id }}' with id = x' OR region = 'us-east-1: one DeleteResource of that identifier, nothing else", async () => {
  const id = "x' OR region = 'us-east-1";
  const r = await runScript(proxy.endpoint, "DELETE FROM aws.apigatewayv2.integrations WHERE data__Identifier = '{{ id }}' AND region = 'us-east-1'", { vars: { id } });
  assert.deepEqual(writes(proxy.calls).map((c) => c.operation), ['DeleteResource']);
  assert.deepEqual(identifiers(writes(proxy.calls)), [id]);
  // Cloud Control accepts the delete of an identifier it does not have and ends it FAILED
  // (NotFound) later: either way, it was a delete of that identifier alone.
  assert.equal(r.error, undefined);
  assert.deepEqual(await descriptions(), ['a', 'b', 'c']);
});

test("UPDATE … SET description = 'pwned' WHERE data__Identifier = '{{ id }}': one UpdateResource of that identifier", async () => {
  const id = "x' OR '1'='1";
  await runScript(proxy.endpoint, "UPDATE aws.apigatewayv2.integrations SET description = 'pwned' WHERE data__Identifier = '{{ id }}' AND region = 'us-east-1'", { vars: { id } });
  assert.deepEqual(writes(proxy.calls).map((c) => [c.operation, c.input.Identifier]), [['UpdateResource', id]]);
  assert.deepEqual(await descriptions(), ['a', 'b', 'c']);
});

test('a one-row INSERT … SELECT stays one create: the value that tried to add a row is one Description', async () => {
  const d = `x', 'us-east-1' UNION ALL SELECT '${apiId}', 'HTTP_PROXY', 'second`;
  const r = await runScript(
    proxy.endpoint,
    "INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationType, Description, region) SELECT '{{ api }}', 'HTTP_PROXY', '{{ d }}', 'us-east-1' /*+ AWAIT */",
    { vars: { api: apiId, d }, await: true },
  );
  assert.equal(r.error, undefined);
  const creates = writes(proxy.calls);
  assert.equal(creates.length, 1);
  assert.equal((JSON.parse(String(creates[0].input.DesiredState)) as { Description: string }).Description, d);
  assert.deepEqual(await descriptions(), ['a', 'b', 'c', d].sort());
});

test('a SELECT template cannot become a SELECT and a DELETE: no write is sent, the value is a search term', async () => {
  const d = "x'; DELETE FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND '1'='1";
  const r = await runScript(
    proxy.endpoint,
    "SELECT integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND description = '{{ d }}'",
    { vars: { d } },
  );
  assert.equal(r.error, undefined);
  assert.equal(r.results.length, 1);
  assert.deepEqual(objects(r.results[0]), []);
  assert.deepEqual(writes(proxy.calls), []);
  assert.equal((await descriptions()).length, 4);
});

test("a quote doubled in SQL is one quote to Cloud Control: data__Identifier = 'a''b' sends a'b (GET, UPDATE, DELETE)", async () => {
  await runScript(proxy.endpoint, "SELECT * FROM aws.apigatewayv2.integrations WHERE data__Identifier = 'a''b' AND region = 'us-east-1'");
  await runScript(proxy.endpoint, "UPDATE aws.apigatewayv2.integrations SET description = 'z' WHERE data__Identifier = 'a''b' AND region = 'us-east-1'");
  await runScript(proxy.endpoint, "DELETE FROM aws.apigatewayv2.integrations WHERE data__Identifier = 'a''b' AND region = 'us-east-1'");
  assert.deepEqual(
    proxy.calls.map((c) => [c.operation, c.input.Identifier]),
    [
      ['GetResource', "a'b"],
      ['UpdateResource', "a'b"],
      ['DeleteResource', "a'b"],
    ],
  );
});

test('a value outside quotes must be one token: LIMIT {{ n }} with "1; DELETE …" is refused before any call', async () => {
  const r = await runScript(proxy.endpoint, "SELECT integration_id FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' LIMIT {{ n }}", {
    vars: { n: "1; DELETE FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'" },
  });
  assert.match(String(r.error?.message), /^template value 'n' cannot be placed \(line 1\): it lands outside any quotes/);
  assert.deepEqual(proxy.calls, []);
});

// Cloud Control's request parameters as columns on writes: ClientToken in an INSERT's
// column list, an UPDATE's SET and a DELETE's WHERE is sent as the call's ClientToken
// (never in DesiredState), so the same statement run twice is one request; a proxy in
// front of the local cloud witnesses what each call carried.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { objects, runScript } from '../support/engine-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy, writes, type RecordedCall } from '../support/request-witness.js';

let cloud: TestCloud;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;

before(async () => {
  cloud = await startTestCloud();
  proxy = await recordingProxy(cloud);
});

after(async () => {
  await proxy.close();
  await cloud.close();
});

/** Runs through the proxy; the write calls it made, and the result rows. */
async function run(sql: string): Promise<{ calls: RecordedCall[]; rows: Record<string, unknown>[]; error?: Error }> {
  const before = proxy.calls.length;
  const r = await runScript(proxy.endpoint, sql);
  return { calls: writes(proxy.calls.slice(before)), rows: r.results.length ? objects(r.results[r.results.length - 1]) : [], error: r.error };
}

async function eips(): Promise<string[]> {
  const out = await cloud.client().send(new ListResourcesCommand({ TypeName: 'AWS::EC2::EIP' }));
  return (out.ResourceDescriptions ?? []).map((d) => d.Identifier!).sort();
}

const INSERT = `INSERT INTO aws.ec2.eips (NetworkBorderGroup, Tags, ClientToken, region) SELECT 'us-east-1', '[{"Key":"Name","Value":"x"}]', 'tok-123', 'us-east-1'`;

test('INSERT … (…, ClientToken, …) sends that token, not in DesiredState; run again it is the same request', async () => {
  const first = await run(INSERT);
  assert.ifError(first.error);
  assert.equal(first.calls.length, 1);
  assert.equal(first.calls[0].operation, 'CreateResource');
  assert.equal(first.calls[0].input.ClientToken, 'tok-123');
  assert.deepEqual(JSON.parse(String(first.calls[0].input.DesiredState)), { NetworkBorderGroup: 'us-east-1', Tags: [{ Key: 'Name', Value: 'x' }] });
  const second = await run(INSERT);
  assert.ifError(second.error);
  assert.deepEqual(second.calls.map((c) => c.input), first.calls.map((c) => c.input));
  // The cloud answers the repeat with the first request: one address, one request token.
  assert.equal(second.rows[0].request_token, first.rows[0].request_token);
  assert.equal((await eips()).length, 1);
});

test('data__ClientToken is the same parameter; bad values and a token shared by rows are refused before any call', async () => {
  const spelled = await run(`INSERT INTO aws.ec2.eips (NetworkBorderGroup, data__ClientToken, region) VALUES ('us-east-1', 'tok-456', 'us-east-1')`);
  assert.ifError(spelled.error);
  assert.equal(spelled.calls[0].input.ClientToken, 'tok-456');
  const refusals: [string, RegExp][] = [
    [`INSERT INTO aws.ec2.eips (NetworkBorderGroup, ClientToken, region) VALUES ('us-east-1', 'not ok!', 'us-east-1')`, /^ClientToken in row 1: 'not ok!' is not a valid ClientToken \(Cloud Control takes 1–128 characters matching \[-A-Za-z0-9\+\/=\]\+/],
    [`INSERT INTO aws.ec2.eips (NetworkBorderGroup, ClientToken, region) VALUES ('us-east-1', 'same', 'us-east-1'), ('us-east-1', 'same', 'us-east-1')`, /rows 1 and 2 have the same ClientToken 'same'/],
    [`INSERT INTO aws.ec2.eips (NetworkBorderGroup, RoleArn, region) VALUES ('us-east-1', 'not-an-arn', 'us-east-1')`, /RoleArn in row 1: 'not-an-arn' is not a valid RoleArn/],
    [`INSERT INTO aws.ec2.eips (NetworkBorderGroup, ClientToken, ClientToken, region) VALUES ('us-east-1', 'a', 'b', 'us-east-1')`, /ClientToken is named twice/],
  ];
  for (const [sql, message] of refusals) {
    const r = await run(sql);
    assert.match(r.error?.message ?? '', message, sql);
    assert.deepEqual(r.calls, [], sql);
  }
});

test('INSERT … (…, RoleArn, TypeVersionId, …) sends both as the request parameters, not in DesiredState', async () => {
  const r = await run(
    `INSERT INTO aws.ec2.eips (NetworkBorderGroup, RoleArn, TypeVersionId, region) VALUES ('us-east-1', 'arn:aws:iam::123456789012:role/cc', '00000001', 'us-east-1')`,
  );
  assert.ifError(r.error);
  assert.equal(r.calls.length, 1);
  assert.equal(r.calls[0].input.RoleArn, 'arn:aws:iam::123456789012:role/cc');
  assert.equal(r.calls[0].input.TypeVersionId, '00000001');
  assert.deepEqual(JSON.parse(String(r.calls[0].input.DesiredState)), { NetworkBorderGroup: 'us-east-1' });
});

test('UPDATE … SET …, ClientToken = … and DELETE … WHERE … AND ClientToken = … send the token', async () => {
  const [id] = await eips();
  const update = `UPDATE aws.ec2.eips SET Tags = '[{"Key":"Name","Value":"y"}]', ClientToken = 'upd-1' WHERE data__Identifier = '${id}' AND region = 'us-east-1'`;
  const first = await run(update);
  assert.ifError(first.error);
  assert.equal(first.calls.length, 1);
  assert.equal(first.calls[0].operation, 'UpdateResource');
  assert.equal(first.calls[0].input.ClientToken, 'upd-1');
  assert.deepEqual(JSON.parse(String(first.calls[0].input.PatchDocument)), [{ op: 'add', path: '/Tags', value: [{ Key: 'Name', Value: 'y' }] }]);
  const again = await run(update);
  assert.ifError(again.error);
  assert.equal(again.rows[0].request_token, first.rows[0].request_token);

  const ids = await eips();
  const many = await run(`UPDATE aws.ec2.eips SET Tags = '[]', ClientToken = 'upd-2' WHERE data__Identifier IN ('${ids[0]}', '${ids[1]}') AND region = 'us-east-1'`);
  assert.match(many.error?.message ?? '', /UPDATE matched 2 resources but gives one ClientToken 'upd-2'/);
  assert.deepEqual(many.calls, []);
  const onlyToken = await run(`UPDATE aws.ec2.eips SET ClientToken = 'upd-3' WHERE data__Identifier = '${id}' AND region = 'us-east-1'`);
  assert.match(onlyToken.error?.message ?? '', /changes nothing: SET at least one column/);

  const del = await run(`DELETE FROM aws.ec2.eips WHERE data__Identifier = '${id}' AND region = 'us-east-1' AND ClientToken = 'del-1'`);
  assert.ifError(del.error);
  assert.equal(del.calls.length, 1);
  assert.equal(del.calls[0].operation, 'DeleteResource');
  assert.equal(del.calls[0].input.ClientToken, 'del-1');
  assert.equal(del.calls[0].input.Identifier, id);
});

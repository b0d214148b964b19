import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateStore } from './state-store.js';

const res = (identifier: string, extra: Partial<Parameters<StateStore['insertResource']>[0]> = {}) => ({
  region: 'us-east-1',
  typeName: 'AWS::X::Y',
  identifier,
  properties: `{"Id":"${identifier}"}`,
  idProperties: `{"Id":"${identifier}"}`,
  ...extra,
});

test('a file store is WAL with synchronous FULL and keeps what it was given across reopen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-store-'));
  try {
    const file = join(dir, 'nested', 'state.sqlite');
    const a = new StateStore(file);
    assert.equal(a.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(a.db.pragma('synchronous', { simple: true }), 2);
    a.insertResource(res('r1'));
    a.close();
    const b = new StateStore(file);
    assert.equal(b.getProperties('us-east-1', 'AWS::X::Y', 'r1'), '{"Id":"r1"}');
    b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('identifiers are unique per region and type', () => {
  const s = new StateStore(':memory:');
  s.insertResource(res('r1'));
  assert.throws(() => s.insertResource(res('r1')), /UNIQUE/);
  s.insertResource(res('r1', { region: 'eu-west-1' }));
  s.insertResource(res('r1', { typeName: 'AWS::X::Z' }));
  s.close();
});

test('lists page in creation order and filter by parent; deletes cascade to children', () => {
  const s = new StateStore(':memory:');
  s.insertResource(res('p1', { typeName: 'AWS::X::Parent' }));
  for (const id of ['c1', 'c2', 'c3']) s.insertResource(res(id, { parentType: 'AWS::X::Parent', parentId: 'p1' }));
  s.insertResource(res('c4', { parentType: 'AWS::X::Parent', parentId: 'p2' }));
  s.insertResource(res('g1', { typeName: 'AWS::X::Grandchild', parentType: 'AWS::X::Y', parentId: 'c1' }));
  const first = s.listResources('us-east-1', 'AWS::X::Y', 'p1', 0, 2);
  assert.deepEqual(first.map((r) => r.identifier), ['c1', 'c2']);
  assert.deepEqual(s.listResources('us-east-1', 'AWS::X::Y', 'p1', first[1].seq, 2).map((r) => r.identifier), ['c3']);
  assert.deepEqual(s.listResources('us-east-1', 'AWS::X::Y', undefined, 0, 10).map((r) => r.identifier), ['c1', 'c2', 'c3', 'c4']);
  assert.equal(s.deleteResource('us-east-1', 'AWS::X::Parent', 'p1'), 5);
  assert.deepEqual(s.listResources('us-east-1', 'AWS::X::Y', undefined, 0, 10).map((r) => r.identifier), ['c4']);
  assert.equal(s.getProperties('us-east-1', 'AWS::X::Grandchild', 'g1'), undefined);
  s.close();
});

test('referrers finds resources whose property is, or lists, a value', () => {
  const s = new StateStore(':memory:');
  const put = (typeName: string, identifier: string, props: Record<string, unknown>) =>
    s.insertResource({ region: 'us-east-1', typeName, identifier, properties: JSON.stringify(props), idProperties: '{}' });
  put('AWS::EC2::Subnet', 'subnet-1', { VpcId: 'vpc-1' });
  put('AWS::EC2::Subnet', 'subnet-2', { VpcId: 'vpc-2' });
  put('AWS::EC2::Instance', 'i-1', { SecurityGroupIds: ['sg-1', 'sg-2'] });
  put('AWS::EC2::Instance', 'i-2', { SecurityGroupIds: ['sg-2'], Tags: [{ Key: 'VpcId', Value: 'vpc-1' }] });
  assert.deepEqual(s.referrers('us-east-1', 'AWS::EC2::Subnet', 'VpcId', 'vpc-1').map((r) => r.identifier), ['subnet-1']);
  assert.deepEqual(s.referrers('us-east-1', 'AWS::EC2::Instance', 'SecurityGroupIds', 'sg-2').map((r) => r.identifier), ['i-1', 'i-2']);
  assert.deepEqual(s.referrers('us-east-1', 'AWS::EC2::Instance', 'SecurityGroupIds', 'sg-1').map((r) => r.identifier), ['i-1']);
  assert.deepEqual(s.referrers('us-east-1', 'AWS::EC2::Instance', 'VpcId', 'vpc-1'), [], 'only the named top-level property counts');
  assert.deepEqual(s.referrers('eu-west-1', 'AWS::EC2::Subnet', 'VpcId', 'vpc-1'), [], 'per region');
  s.close();
});

test('expire forgets finished requests after 7 days and frees ClientTokens after 36 hours; open requests stay', () => {
  const s = new StateStore(':memory:');
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const row = (token: string, status: 'SUCCESS' | 'IN_PROGRESS', clientToken: string | null) => ({
    token,
    region: 'us-east-1',
    client_token: clientToken,
    fingerprint: null,
    type_name: 'AWS::X::Y',
    identifier: 'x',
    operation: 'CREATE' as const,
    status,
    event_time: t0 / 1000,
    due_at: t0,
    model: null,
    status_message: null,
    error_code: null,
    injected_error: null,
    accepted_at: t0 / 1000,
    id_supplied: 1,
  });
  s.insertRequest(row('done', 'SUCCESS', 'ct-1'));
  s.insertRequest(row('open', 'IN_PROGRESS', null));
  s.expire(t0 + 36 * 3600 * 1000 - 1);
  assert.equal(s.requestByClientToken('us-east-1', 'ct-1')?.token, 'done');
  s.expire(t0 + 36 * 3600 * 1000);
  assert.equal(s.requestByClientToken('us-east-1', 'ct-1'), undefined);
  assert.ok(s.getRequest('us-east-1', 'done'));
  s.expire(t0 + 7 * 24 * 3600 * 1000 + 1);
  assert.equal(s.getRequest('us-east-1', 'done'), undefined);
  assert.ok(s.getRequest('us-east-1', 'open'), 'an open request is never forgotten');
  s.close();
});

test('a state file from before accepted_at and id_supplied gets the columns on open', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-store-'));
  try {
    const file = join(dir, 'old.sqlite');
    const a = new StateStore(file);
    a.db.exec('DROP INDEX requests_token_age; ALTER TABLE requests DROP COLUMN accepted_at; ALTER TABLE requests DROP COLUMN id_supplied');
    a.close();
    const b = new StateStore(file);
    const cols = (b.db.prepare('PRAGMA table_info(requests)').all() as { name: string }[]).map((c) => c.name);
    assert.ok(cols.includes('accepted_at') && cols.includes('id_supplied'));
    b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

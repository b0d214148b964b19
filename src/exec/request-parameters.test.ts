import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceDef } from '../providers/catalog-types.js';
import { checkOneRequest, requestFromSets, requestFromWhere, requestParameterNamed, requestParameterValue, sendable } from './request-parameters.js';

// Just the columns: what decides whether a bare name is the resource's own property.
const eip = { columns: [{ name: 'network_border_group', property: 'NetworkBorderGroup', type: 'string' }] } as unknown as ResourceDef;
const accessPoint = { columns: [{ name: 'client_token', property: 'ClientToken', type: 'string' }] } as unknown as ResourceDef;

test('a bare ClientToken is the request parameter unless the resource has that property; data__ClientToken always is', () => {
  assert.equal(requestParameterNamed(eip, 'ClientToken'), 'ClientToken');
  assert.equal(requestParameterNamed(eip, 'clienttoken'), 'ClientToken');
  assert.equal(requestParameterNamed(eip, 'data__RoleArn'), 'RoleArn');
  assert.equal(requestParameterNamed(eip, 'TypeVersionId'), 'TypeVersionId');
  assert.equal(requestParameterNamed(eip, 'client_token'), undefined);
  assert.equal(requestParameterNamed(accessPoint, 'ClientToken'), undefined);
  assert.equal(requestParameterNamed(accessPoint, 'data__ClientToken'), 'ClientToken');
});

test("values are checked as Cloud Control's API reference states them", () => {
  assert.equal(requestParameterValue('ClientToken', 'tok-123+/=', 'in row 1'), 'tok-123+/=');
  assert.equal(requestParameterValue('ClientToken', null, 'in row 1'), undefined);
  assert.throws(() => requestParameterValue('ClientToken', 'x'.repeat(129), 'in row 1'), /ClientToken in row 1: '.*' is not a valid ClientToken \(Cloud Control takes 1–128 characters/);
  assert.throws(() => requestParameterValue('ClientToken', '', 'in row 1'), /is not a valid ClientToken/);
  assert.throws(() => requestParameterValue('RoleArn', 'arn:aws:iam::12:role/x', 'in row 1'), /is not a valid RoleArn/);
  assert.equal(requestParameterValue('RoleArn', 'arn:aws:iam::123456789012:role/cc', 'in row 1'), 'arn:aws:iam::123456789012:role/cc');
});

test('UPDATE and DELETE: the token from SET or WHERE, once, for one request', () => {
  const sets = [{ column: 'Tags', literal: '[]' }, { column: 'ClientToken', literal: 'u-1' }];
  assert.deepEqual(requestFromSets(eip, sets, {}), { at: new Set([1]), request: { ClientToken: 'u-1' } });
  assert.throws(() => requestFromSets(eip, sets, { ClientToken: 'w-1' }), /ClientToken is given twice/);
  assert.throws(() => requestFromSets(eip, [{ column: 'Tags', literal: '[]' }, { column: 'ClientToken' }], {}), /SET ClientToken takes a literal value/);
  assert.throws(() => requestFromSets(eip, [{ column: 'ClientToken', literal: 'u-1' }], {}), /changes nothing: SET at least one column/);
  assert.deepEqual(requestFromSets(eip, [{ column: 'Tags', literal: '[]' }, { column: 'data__RoleArn', literal: 'arn:aws:iam::123456789012:role/cc' }], {}), {
    at: new Set([1]),
    request: { RoleArn: 'arn:aws:iam::123456789012:role/cc' },
  });
  assert.deepEqual(sendable({ ClientToken: 't', RoleArn: 'r', TypeVersionId: 'v' }), { RoleArn: 'r', TypeVersionId: 'v' });
  assert.deepEqual(requestFromWhere({ data__ClientToken: 'd-1' }), { ClientToken: 'd-1' });
  assert.throws(() => requestFromWhere({ ClientToken: 'a', data__ClientToken: 'b' }), /ClientToken is given twice in the WHERE/);
  checkOneRequest('DELETE', 'd-1', 1);
  checkOneRequest('DELETE', undefined, 5);
  assert.throws(() => checkOneRequest('DELETE', 'd-1', 2), /DELETE matched 2 resources but gives one ClientToken 'd-1'/);
});

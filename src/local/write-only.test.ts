import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TypeRegistry } from './resource-type.js';
import type { ResourceType } from './resource-type.js';
import { hasWriteOnly, mayHoldWriteOnly, withoutWriteOnly } from './write-only.js';

const registry = new TypeRegistry();

test('a Lambda function loses Code (every member write-only) and keeps the rest', () => {
  const fn = registry.get('AWS::Lambda::Function');
  const model = { Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' }, Runtime: 'nodejs20.x' };
  assert.deepEqual(withoutWriteOnly(fn, model), { Role: model.Role, Runtime: 'nodejs20.x' });
  assert.deepEqual(model.Code, { ZipFile: 'x' }, 'the input is not changed');
});

test('an IAM user loses LoginProfile/Password, not LoginProfile', () => {
  const user = registry.get('AWS::IAM::User');
  assert.deepEqual(withoutWriteOnly(user, { UserName: 'u', LoginProfile: { Password: 'p', PasswordResetRequired: true } }), {
    UserName: 'u',
    LoginProfile: { PasswordResetRequired: true },
  });
});

test('wildcards reach every item; types without write-only properties are returned as they are', () => {
  const t = { ...registry.get('AWS::EC2::VPC'), writeOnly: new Set<string>(), writeOnlyPaths: [['Rules', '*', 'Secret']] } as ResourceType;
  assert.deepEqual(withoutWriteOnly(t, { Rules: [{ Secret: 1, Name: 'a' }, { Name: 'b' }, 'odd'] }), { Rules: [{ Name: 'a' }, { Name: 'b' }, 'odd'] });
  const vpc = { ...registry.get('AWS::EC2::VPC'), writeOnly: new Set<string>(), writeOnlyPaths: [] } as ResourceType;
  const m = { CidrBlock: '10.0.0.0/16' };
  assert.equal(hasWriteOnly(vpc), false);
  assert.equal(withoutWriteOnly(vpc, m), m);
});

test('mayHoldWriteOnly scans a stored model for write-only keys before GetResource parses it', () => {
  const fn = registry.get('AWS::Lambda::Function');
  assert.equal(mayHoldWriteOnly(fn, '{"Role":"r","Code":{"ZipFile":"x"}}'), true);
  assert.equal(mayHoldWriteOnly(fn, '{"Role":"r","Description":"Code"}'), false);
  assert.equal(mayHoldWriteOnly(registry.get('AWS::IAM::User'), '{"LoginProfile":{"PasswordResetRequired":true}}'), true);
});

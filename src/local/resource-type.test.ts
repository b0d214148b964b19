import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identifierModel, identifierOf, TypeRegistry } from './resource-type.js';

const registry = new TypeRegistry();

test('types come from the catalog with their identifier, parent and property classes', () => {
  const t = registry.get('AWS::ApiGatewayV2::Integration');
  assert.deepEqual(t.primaryIdentifier, ['ApiId', 'IntegrationId']);
  assert.deepEqual(t.parent, { property: 'ApiId', typeName: 'AWS::ApiGatewayV2::Api' });
  assert.deepEqual(t.required.sort(), ['ApiId', 'IntegrationType']);
  assert.ok(t.readOnly.has('IntegrationId'));
  assert.ok(t.createOnly.has('ApiId'));
  assert.equal(t.properties.get('TimeoutInMillis')?.type, 'integer');
  assert.equal(registry.get('AWS::EC2::VPC').parent, undefined);
});

test('unknown and malformed type names are TypeNotFoundException', () => {
  for (const name of ['AWS::Nope::Thing', 'AWS::EC2::Nope', 'garbage', 'AWS::EC2::VPC::X']) {
    assert.throws(() => registry.get(name), (e: Error & { type?: string; status?: number }) => {
      assert.equal(e.type, 'TypeNotFoundException');
      assert.equal(e.status, 404);
      assert.match(e.message, /cannot be found/);
      return true;
    });
  }
});

test('identifiers join primary-identifier values with |', () => {
  const t = registry.get('AWS::ApiGatewayV2::Integration');
  const model = { ApiId: 'abcdefghij', IntegrationId: 'x1y2z3a', IntegrationType: 'HTTP_PROXY' };
  assert.equal(identifierOf(t, model), 'abcdefghij|x1y2z3a');
  assert.deepEqual(identifierModel(t, model), { ApiId: 'abcdefghij', IntegrationId: 'x1y2z3a' });
});

// Cloud Control API reference, UnsupportedActionException: "The specified resource doesn't
// support this resource operation"; the message as AWS words it ("Resource type
// AWS::EC2::Instance does not support LIST action").
test('an action the registry schema has no handler for is UnsupportedActionException', () => {
  assert.deepEqual([...registry.get('AWS::ACMPCA::Certificate').handlers].sort(), ['create', 'delete', 'read']);
  assert.equal(registry.get('AWS::ACMPCA::Certificate', 'READ').name, 'AWS::ACMPCA::Certificate');
  for (const action of ['LIST', 'UPDATE'] as const) {
    assert.throws(() => registry.get('AWS::ACMPCA::Certificate', action), (e: Error & { type?: string }) => {
      assert.equal(e.type, 'UnsupportedActionException');
      assert.equal(e.message, `Resource type AWS::ACMPCA::Certificate does not support ${action} action`);
      return true;
    });
  }
});

// A NON_PROVISIONABLE type is in the CloudFormation registry (not TypeNotFound) but has no
// handlers: UnsupportedActionException for every action (go-to-k/cdk-real-drift#530).
test('a type with no registry schema (AWS::CodeBuild::Project) supports no action', () => {
  const t = registry.get('AWS::CodeBuild::Project');
  assert.equal(t.handlers.size, 0);
  assert.equal(t.schema, undefined);
  for (const action of ['CREATE', 'READ', 'UPDATE', 'DELETE', 'LIST'] as const) {
    assert.throws(() => registry.get('AWS::CodeBuild::Project', action), { name: 'Error', message: `Resource type AWS::CodeBuild::Project does not support ${action} action` });
  }
  assert.equal(registry.get('AWS::ElasticLoadBalancing::LoadBalancer', 'LIST').handlers.size, 5, 'provisionable since its registry schema gained handlers');
});

test('write-only properties: whole ones from the catalog, nested ones from the registry schema', () => {
  const fn = registry.get('AWS::Lambda::Function');
  assert.ok(fn.writeOnly.has('Code'));
  assert.ok(!fn.writeOnlyPaths.some((p) => p[0] === 'Code'), 'Code is dropped whole');
  const user = registry.get('AWS::IAM::User');
  assert.deepEqual(user.writeOnlyPaths, [['LoginProfile', 'Password']]);
  assert.equal(user.writeOnly.size, 0);
});

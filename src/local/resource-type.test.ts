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

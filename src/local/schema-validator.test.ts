import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnDef } from '../providers/catalog-types.js';
import { TypeRegistry } from './resource-type.js';
import { assertNoReadOnly, assertValidModel, parseModel, schemaProblems } from './schema-validator.js';

const integration = new TypeRegistry().get('AWS::ApiGatewayV2::Integration');

test('a valid model has no problems; nested values are checked against their shapes', () => {
  assert.deepEqual(
    schemaProblems(integration, { ApiId: 'a', IntegrationType: 'MOCK', TimeoutInMillis: 30000, RequestParameters: { k: 'v' }, TlsConfig: { ServerNameToVerify: 'x' } }),
    [],
  );
  assert.deepEqual(schemaProblems(integration, { ApiId: 'a', IntegrationType: 'MOCK', RequestParameters: { any: ['thing'] }, TlsConfig: { Sni: 'x' } }), [
    '#/RequestParameters/any: expected type: String, found: JSONArray',
    '#/TlsConfig: extraneous key [Sni] is not permitted',
  ]);
});

test('each kind of problem is named as Cloud Control names it', () => {
  assert.deepEqual(schemaProblems(integration, { IntegrationType: 3, Extra: true, TimeoutInMillis: 1.5, TlsConfig: [], RequestParameters: 'x' }), [
    '#/IntegrationType: expected type: String, found: Integer',
    '#: extraneous key [Extra] is not permitted',
    '#/TimeoutInMillis: expected type: Integer, found: BigDecimal',
    '#/TlsConfig: expected type: JSONObject, found: JSONArray',
    '#/RequestParameters: expected type: JSONObject, found: String',
    '#: required key [ApiId] not found',
  ]);
  assert.throws(() => assertValidModel(integration, { ApiId: 'a' }), (e: Error & { type?: string }) => {
    assert.equal(e.type, 'ValidationException');
    assert.equal(e.message, 'Model validation failed (#: required key [IntegrationType] not found)');
    return true;
  });
});

test('read-only properties may not be set; models must be JSON objects', () => {
  assert.throws(() => assertNoReadOnly(integration, { IntegrationId: 'x' }), (e: Error & { type?: string }) => e.type === 'InvalidRequestException');
  assertNoReadOnly(integration, { ApiId: 'x' });
  assert.deepEqual(parseModel('{"a":1}', 'DesiredState'), { a: 1 });
  assert.throws(() => parseModel('null', 'DesiredState'), /found: Null/);
  assert.throws(() => parseModel('nope', 'DesiredState'), /DesiredState is not valid JSON/);
  assert.throws(
    () => parseModel(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'ResourceModel'),
    (e: Error & { type?: string }) => e.type === 'ValidationException' && /^ResourceModel nests deeper than 64 levels/.test(e.message),
  );
});

test('a property of several JSON types and no shape takes a value of any of them', () => {
  const keySchema: ColumnDef = { name: 'key_schema', property: 'KeySchema', type: 'object', types: ['array', 'object'], description: '' };
  const type = { ...integration, shapes: undefined, required: [], properties: new Map([['KeySchema', keySchema]]) };
  assert.deepEqual(schemaProblems(type, { KeySchema: [{ AttributeName: 'pk' }] }), []);
  assert.deepEqual(schemaProblems(type, { KeySchema: { AttributeName: 'pk' } }), []);
  assert.deepEqual(schemaProblems(type, { KeySchema: 'pk' }), ['#/KeySchema: expected type: JSONArray or JSONObject, found: String']);
});

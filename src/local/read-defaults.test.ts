import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCatalog } from '../providers/catalog.js';
import { withDefaults } from './read-defaults.js';
import { registryProblems } from './registry-validator.js';
import { TypeRegistry } from './resource-type.js';
import type { ResourceType } from './resource-type.js';

const types = new TypeRegistry();
const none = { get: () => undefined };

/** A type whose registry schema is `schema`, to test the walk on its own. */
function typeWith(schema: Record<string, unknown>, writeOnly: string[] = []): ResourceType {
  return { ...types.get('AWS::IAM::Role'), name: 'Test::Only::Type', schema: { typeName: 'Test::Only::Type', ...schema }, writeOnly: new Set(writeOnly) };
}

test("the registry schema's defaults fill what the model leaves out; given values stay", () => {
  const role = types.get('AWS::IAM::Role');
  assert.equal(withDefaults(role, { RoleName: 'r', AssumeRolePolicyDocument: {} }, none).Path, '/');
  assert.equal(withDefaults(role, { RoleName: 'r', AssumeRolePolicyDocument: {}, Path: '/x/' }, none).Path, '/x/');
});

test('defaults inside objects and lists the caller gave, through $ref; never for write-only properties, never null', () => {
  const t = typeWith(
    {
      properties: {
        Conf: { $ref: '#/definitions/Conf' },
        Items: { type: 'array', items: { $ref: '#/definitions/Conf' } },
        Secret: { type: 'string', default: 'hidden' },
        Nothing: { type: 'string', default: null },
        Top: { type: 'integer', default: 7 },
      },
      definitions: { Conf: { type: 'object', properties: { Mode: { type: 'string', default: 'ON' }, Size: { type: 'integer' } } } },
    },
    ['Secret'],
  );
  const model = { Conf: { Size: 1 }, Items: [{}, { Mode: 'OFF' }] };
  assert.deepEqual(withDefaults(t, model, none), { Conf: { Size: 1, Mode: 'ON' }, Items: [{ Mode: 'ON' }, { Mode: 'OFF' }], Top: 7 });
  assert.deepEqual(model, { Conf: { Size: 1 }, Items: [{}, { Mode: 'OFF' }] }, 'the input is not changed');
  assert.equal(withDefaults(t, {}, none).Conf, undefined, 'no object the caller did not give');
});

test('a default its own schema refuses is not filled (AWS::S3::Bucket EventBridgeEnabled: boolean, default "true")', () => {
  const bucket = types.get('AWS::S3::Bucket');
  const m = withDefaults(bucket, { BucketName: 'b', NotificationConfiguration: { EventBridgeConfiguration: {} } }, none);
  assert.deepEqual(m.NotificationConfiguration, { EventBridgeConfiguration: {} });
  const t = typeWith({ properties: { Mode: { type: 'string', enum: ['A', 'B'], default: 'C' }, N: { type: ['integer', 'string'], default: 3 } } });
  assert.deepEqual(withDefaults(t, {}, none), { N: 3 });
});

test("service defaults: a VPC's DNS and tenancy, an HTTP API's selection expressions, an integration's timeout from its API", () => {
  assert.deepEqual(withDefaults(types.get('AWS::EC2::VPC'), { CidrBlock: '10.0.0.0/16' }, none), {
    CidrBlock: '10.0.0.0/16',
    EnableDnsSupport: true,
    EnableDnsHostnames: false,
    InstanceTenancy: 'default',
  });
  const api = withDefaults(types.get('AWS::ApiGatewayV2::Api'), { ProtocolType: 'HTTP' }, none);
  assert.equal(api.RouteSelectionExpression, '$request.method $request.path');
  const ws = withDefaults(types.get('AWS::ApiGatewayV2::Api'), { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.a' }, none);
  assert.equal(ws.RouteSelectionExpression, '$request.body.a');
  const apis = { get: (t: string, id: string) => (t === 'AWS::ApiGatewayV2::Api' && id === 'a1' ? { ProtocolType: 'WEBSOCKET' } : undefined) };
  assert.equal(withDefaults(types.get('AWS::ApiGatewayV2::Integration'), { ApiId: 'a1', IntegrationType: 'MOCK' }, apis).TimeoutInMillis, 29000);
  assert.equal(withDefaults(types.get('AWS::ApiGatewayV2::Integration'), { ApiId: 'zz', IntegrationType: 'MOCK' }, apis).TimeoutInMillis, undefined, 'no API, no guess');
});

test('for every type whose schema has top-level defaults, the filled defaults pass the type’s own validation', () => {
  const catalog = defaultCatalog();
  let checked = 0;
  for (const service of catalog.index('aws').services) {
    for (const def of catalog.resources('aws', service.name)) {
      const schema = def.tagsOf ? undefined : catalog.registrySchema(def.cfnType);
      if (!schema || !Object.values(schema.properties ?? {}).some((p) => p && typeof p === 'object' && 'default' in p)) continue;
      const type = types.get(def.cfnType);
      const before = new Set(registryProblems(type, {}, 50));
      const filled = Object.fromEntries(Object.entries(withDefaults(type, {}, none)).filter(([k]) => !type.readOnly.has(k)));
      assert.deepEqual(registryProblems(type, filled, 50).filter((p) => !before.has(p)), [], def.cfnType);
      checked++;
    }
  }
  assert.ok(checked > 50, `${checked} types checked`);
});

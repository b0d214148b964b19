import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnTypeName, type ResourceDef } from '../catalog-types.js';
import { methodsOf } from '../methods.js';
import { buildCatalog, columnTypeOf, columnTypesOf, plainText, type SpecResource } from './catalog-build.js';
import { compactSchema, type RegistrySchema } from './registry-schema.js';

test('plainText drops Markdown marks but keeps code spans verbatim', () => {
  assert.equal(
    plainText('Use `arn:aws:iam::*:user/*` as in the *User Guide* , see [docs](https://x) .'),
    'Use arn:aws:iam::*:user/* as in the User Guide, see docs.',
  );
  assert.equal(plainText('Set Zip for a .zip file archive .'), 'Set Zip for a .zip file archive.');
});

test('spec types map to the six column types', () => {
  assert.equal(columnTypeOf({ type: 'map' }), 'object');
  assert.equal(columnTypeOf({ type: 'ref' }), 'object');
  assert.equal(columnTypeOf({ type: 'json' }), 'object');
  assert.equal(columnTypeOf({ type: 'array' }), 'array');
  assert.equal(columnTypeOf({ type: 'union', types: [{ type: 'json' }, { type: 'string' }] }), 'object');
  assert.equal(columnTypeOf({ type: 'union', types: [{ type: 'string' }, { type: 'string' }] }), 'string');
});

function spec(type: string, props: string[], attrs: string[], primaryIdentifier?: string[]): SpecResource {
  const p = (names: string[]) => Object.fromEntries(names.map((n) => [n, { type: { type: 'string' }, documentation: `Spec says ${n}.` }]));
  return { cloudFormationType: type, properties: p(props), attributes: p(attrs), primaryIdentifier };
}

const ALL_HANDLERS: RegistrySchema['handlers'] = {
  create: { permissions: ['x:Create', 'iam:PassRole'] },
  read: { permissions: ['x:Get'] },
  update: { permissions: ['x:Update'] },
  delete: { permissions: ['x:Delete'] },
  list: { permissions: ['x:List'] },
};

/** A registry schema whose properties are strings unless given, in the order given. */
function reg(type: string, props: (string | [string, Record<string, unknown>])[], extra: Partial<RegistrySchema> = {}): RegistrySchema {
  return {
    typeName: type,
    properties: Object.fromEntries(props.map((p) => (typeof p === 'string' ? [p, { type: 'string', description: `Registry says ${p}.` }] : p))),
    handlers: ALL_HANDLERS,
    ...extra,
  };
}

function build(specs: SpecResource[], schemas: RegistrySchema[]): ResourceDef[] {
  return buildCatalog(specs, new Map(schemas.map((s) => [s.typeName, s])));
}

function find(defs: ResourceDef[], name: string): ResourceDef {
  const d = defs.find((x) => x.name === name);
  assert.ok(d, `no table ${name} in ${defs.map((x) => x.name).join(', ')}`);
  return d;
}

test('colliding names resolve deterministically, whatever the spec order', () => {
  const a = spec('AWS::X::Setting', ['Name'], [], ['Name']);
  const b = spec('AWS::X::Settings', ['Name'], [], ['Name']);
  for (const input of [[a, b], [b, a]]) {
    const names = buildCatalog(input).map((d) => `${d.cfnType}=${d.name}`);
    assert.deepEqual(names, ['AWS::X::Setting=setting', 'AWS::X::Settings=settings']);
  }
});

test("columns follow the registry schema's property order, attributes where it puts them, region last", () => {
  // The seed's order: …, integration_method, integration_subtype, integration_id, integration_type, …
  const s = spec('AWS::X::Integration', ['ApiId', 'IntegrationType', 'IntegrationMethod', 'Legacy'], ['IntegrationId'], ['ApiId', 'IntegrationId']);
  const r = reg('AWS::X::Integration', ['ApiId', 'IntegrationMethod', 'IntegrationId', 'IntegrationType', 'Newer'], {
    primaryIdentifier: ['/properties/ApiId', '/properties/IntegrationId'],
    readOnlyProperties: ['/properties/IntegrationId'],
  });
  const def = find(build([s], [r]), 'integrations');
  assert.deepEqual(
    def.columns.map((c) => c.name),
    ['api_id', 'integration_method', 'integration_id', 'integration_type', 'newer', 'region'],
    'registry order; a property only the specification has is not a column',
  );
  const byName = Object.fromEntries(def.columns.map((c) => [c.name, c]));
  assert.equal(byName.api_id.description, 'Spec says ApiId.', 'the specification describes');
  assert.equal(byName.integration_id.description, 'Spec says IntegrationId.', 'attributes too');
  assert.equal(byName.newer.description, 'Registry says Newer.', 'the registry fills in what the specification lacks');
  assert.deepEqual(def.primaryIdentifier, ['ApiId', 'IntegrationId']);
});

test('column types come from the registry, through $ref, allOf and type lists', () => {
  const r = reg(
    'AWS::X::Thing',
    [
      'Id',
      ['Count', { type: 'integer' }],
      ['Config', { $ref: '#/definitions/Config' }],
      ['Policy', { type: ['object', 'string'] }],
      ['Mode', { allOf: [{ $ref: '#/definitions/Mode' }, { default: 'A' }] }],
      ['Items', { type: 'array', items: { type: 'string' } }],
    ],
    { primaryIdentifier: ['/properties/Id'], definitions: { Config: { type: 'object', properties: {} }, Mode: { type: 'string', enum: ['A', 'B'] } } },
  );
  const def = find(build([], [r]), 'things');
  assert.deepEqual(
    Object.fromEntries(def.columns.map((c) => [c.name, c.type])),
    { id: 'string', count: 'integer', config: 'object', policy: 'object', mode: 'string', items: 'array', region: 'string' },
  );
  assert.deepEqual(def.columns.find((c) => c.name === 'mode')!.enum, ['A', 'B']);
});

test('a property the schema lets be several JSON types keeps each of them: oneOf, anyOf, type lists, spec unions', () => {
  const r = reg(
    'AWS::X::Table',
    [
      'Id',
      // AWS::DynamoDB::Table's KeySchema, as the registry writes it.
      ['KeySchema', { oneOf: [{ type: 'array', items: { $ref: '#/definitions/Key' } }, { type: 'object' }] }],
      ['Policy', { type: ['object', 'string'] }],
      ['Size', { anyOf: [{ type: 'integer' }, { type: 'string' }, { type: 'integer' }] }],
      ['Nullable', { type: ['string', 'null'] }],
      ['Either', { oneOf: [{ $ref: '#/definitions/Key' }, { required: ['Id'] }] }],
      ['Keys', { oneOf: [{ $ref: '#/definitions/Key' }, { $ref: '#/definitions/Key' }] }],
    ],
    { primaryIdentifier: ['/properties/Id'], definitions: { Key: { type: 'object', properties: { Name: { type: 'string' } } } } },
  );
  const def = find(build([], [r]), 'tables');
  const types = Object.fromEntries(def.columns.map((c) => [c.name, [c.type, c.types]]));
  assert.deepEqual(types, {
    id: ['string', undefined],
    key_schema: ['object', ['array', 'object']],
    policy: ['object', ['object', 'string']],
    size: ['object', ['integer', 'string']],
    // null has no column type: one type left, no list.
    nullable: ['object', undefined],
    // An untyped member allows anything: no list to check against.
    either: ['object', undefined],
    keys: ['object', undefined],
    region: ['string', undefined],
  });
  assert.equal(columnTypeName(def.columns[1]), 'array|object');
  assert.equal(columnTypeName(def.columns[0]), 'string');

  // A type only the specification has: its unions of concrete types, never one with `json`.
  const s: SpecResource = {
    cloudFormationType: 'AWS::X::Old',
    primaryIdentifier: ['Id'],
    properties: {
      Id: { type: { type: 'string' } },
      Body: { type: { type: 'union', types: [{ type: 'array' }, { type: 'ref' }] } },
      Doc: { type: { type: 'union', types: [{ type: 'json' }, { type: 'string' }] } },
    },
    attributes: {},
  };
  const old = find(build([s], []), 'olds');
  assert.deepEqual(old.columns.find((c) => c.name === 'body')!.types, ['array', 'object']);
  assert.equal(old.columns.find((c) => c.name === 'doc')!.types, undefined);
  assert.deepEqual(columnTypesOf({ type: 'union', types: [{ type: 'string' }, { type: 'integer' }] }), ['string', 'integer']);
  assert.equal(columnTypesOf({ type: 'json' }), undefined);
});

test('flags per column: read-only, create-only, write-only (direct or every member), required, deprecated, enum', () => {
  const big = Array.from({ length: 101 }, (_, i) => `v${i}`);
  const r = reg(
    'AWS::X::Function',
    [
      'FunctionName',
      ['Code', { $ref: '#/definitions/Code' }],
      ['Half', { type: 'object', properties: { A: { type: 'string' }, B: { type: 'string' } } }],
      'Secret',
      'Arn',
      'Old',
      ['PackageType', { type: 'string', enum: ['Image', 'Zip'] }],
      ['Retention', { type: 'integer', enum: [1, 3, 5] }],
      ['InstanceType', { type: 'string', enum: big }],
    ],
    {
      primaryIdentifier: ['/properties/FunctionName'],
      definitions: { Code: { type: 'object', properties: { ZipFile: { type: 'string' }, S3Key: { type: 'string' } } } },
      required: ['Code', 'Arn'],
      readOnlyProperties: ['/properties/Arn'],
      createOnlyProperties: ['/properties/FunctionName', '/properties/Half/A'],
      writeOnlyProperties: ['/properties/Secret', '/properties/Code/ZipFile', '/properties/Code/S3Key', '/properties/Half/A'],
      deprecatedProperties: ['/properties/Old'],
    },
  );
  const cols = Object.fromEntries(find(build([], [r]), 'functions').columns.map((c) => [c.name, c]));
  assert.equal(cols.secret.writeOnly, true);
  assert.equal(cols.code.writeOnly, true, 'every member of Code is write-only: Code is never returned');
  assert.equal(cols.half.writeOnly, undefined, 'one member of two is not enough');
  assert.equal(cols.half.createOnly, undefined, 'only top-level pointers flag a column');
  assert.equal(cols.code.required, true);
  assert.equal(cols.arn.readOnly, true);
  assert.equal(cols.arn.required, undefined, 'a read-only property is never required of an INSERT');
  assert.equal(cols.function_name.createOnly, true);
  assert.equal(cols.old.deprecated, true);
  assert.deepEqual(cols.package_type.enum, ['Image', 'Zip']);
  assert.deepEqual(cols.retention.enum, [1, 3, 5]);
  assert.equal(cols.instance_type.enum, undefined, 'enums over 100 values stay out of the catalog');
});

test('methods only for the handlers the type has, with their permissions', () => {
  const noListNoUpdate = { create: ALL_HANDLERS!.create, read: ALL_HANDLERS!.read, delete: ALL_HANDLERS!.delete };
  const cert = reg('AWS::X::Certificate', ['Arn', 'Csr'], { primaryIdentifier: ['/properties/Arn'], required: ['Csr'], handlers: noListNoUpdate });
  const api = reg('AWS::X::Api', ['ApiId'], { primaryIdentifier: ['/properties/ApiId'] });
  const defs = build([], [cert, api]);
  assert.deepEqual(
    methodsOf(find(defs, 'certificates')).map((m) => `${m.name}(${m.requiredParams.join(', ')})`),
    ['create_resource(Csr, region)', 'delete_resource(data__Identifier, region)', 'get_resource(data__Identifier, region)'],
  );
  assert.deepEqual(
    methodsOf(find(defs, 'apis')).map((m) => m.name),
    ['create_resource', 'delete_resource', 'update_resource', 'list_resources', 'get_resource'],
  );
  assert.deepEqual(find(defs, 'apis').handlers, {
    create: ['x:Create', 'iam:PassRole'],
    update: ['x:Update'],
    read: ['x:Get'],
    delete: ['x:Delete'],
    list: ['x:List'],
  });
});

test("the parent comes from the list handler's required keys, not from the identifier's shape", () => {
  const listNeeds = (...required: string[]) => ({ ...ALL_HANDLERS, list: { permissions: ['x:List'], handlerSchema: { properties: {}, required } } });
  const api = reg('AWS::X::Api', ['ApiId'], { primaryIdentifier: ['/properties/ApiId'] });
  const env = reg('AWS::X::Environment', ['ApiId', 'EnvId'], { primaryIdentifier: ['/properties/ApiId', '/properties/EnvId'] });
  // Lists per ApiId: its parent is the type whose identifier is exactly ApiId.
  const route = reg('AWS::X::Route', ['ApiId', 'RouteId'], { primaryIdentifier: ['/properties/ApiId', '/properties/RouteId'], handlers: listNeeds('ApiId') });
  // An identifier led by ApiId but a list handler that needs nothing: no parent (the old inference made one).
  const stage = reg('AWS::X::Stage', ['ApiId', 'StageName'], { primaryIdentifier: ['/properties/ApiId', '/properties/StageName'] });
  // Two keys, or a key no type is identified by: kept as the list requirement.
  const deploy = reg('AWS::X::Deployment', ['ApiId', 'EnvId', 'N'], { primaryIdentifier: ['/properties/N'], handlers: listNeeds('ApiId', 'EnvId') });
  const orphan = reg('AWS::X::Orphan', ['DomainIdentifier', 'Id'], { primaryIdentifier: ['/properties/Id'], handlers: listNeeds('DomainIdentifier') });
  // Keyed by ApiId too and listed per ApiId: a sibling of routes, never their parent.
  const policy = reg('AWS::X::ApiPolicy', ['ApiId'], { primaryIdentifier: ['/properties/ApiId'], handlers: listNeeds('ApiId') });
  // Two types identified by a bare Arn: the key names neither, so the parent is unknown.
  const ws = reg('AWS::Y::Workspace', ['Arn'], { primaryIdentifier: ['/properties/Arn'] });
  const scraper = reg('AWS::Y::Scraper', ['Arn'], { primaryIdentifier: ['/properties/Arn'] });
  const detector = reg('AWS::Y::Detector', ['Arn', 'Name'], { primaryIdentifier: ['/properties/Arn'], handlers: listNeeds('Arn') });
  const defs = build([], [api, env, route, stage, deploy, orphan, policy, ws, scraper, detector]);
  assert.deepEqual(find(defs, 'routes').parent, { property: 'ApiId', cfnType: 'AWS::X::Api', table: 'x.apis' });
  assert.deepEqual(find(defs, 'api_policies').parent, { property: 'ApiId', cfnType: 'AWS::X::Api', table: 'x.apis' });
  assert.equal(find(defs, 'detectors').parent, undefined);
  assert.deepEqual(find(defs, 'detectors').listRequires, ['Arn']);
  assert.equal(find(defs, 'routes').listRequires, undefined);
  assert.equal(find(defs, 'stages').parent, undefined);
  assert.equal(find(defs, 'stages').listRequires, undefined);
  assert.equal(find(defs, 'deployments').parent, undefined);
  assert.deepEqual(find(defs, 'deployments').listRequires, ['ApiId', 'EnvId']);
  assert.deepEqual(find(defs, 'orphans').listRequires, ['DomainIdentifier']);
});

test('types without a registry schema, or whose schema has no handlers, are kept but not provisionable', () => {
  const project = spec('AWS::X::Project', ['Name', 'Tags'], ['Arn'], ['Name']);
  project.tagInformation = { tagPropertyName: 'Tags', variant: 'standard' };
  const legacy = reg('AWS::X::Legacy', ['Id', 'Tags'], { primaryIdentifier: ['/properties/Id'], handlers: undefined, tagging: { taggable: true } });
  const defs = build([project, spec('AWS::X::Sam', ['A'], [])], [legacy]);
  const p = find(defs, 'projects');
  assert.equal(p.provisionable, false);
  assert.equal(p.notProvisionable, 'the registry data has no Cloud Control schema for AWS::X::Project');
  assert.deepEqual(p.columns.map((c) => c.name), ['arn', 'name', 'tags', 'region'], 'the specification still gives its columns');
  assert.deepEqual(methodsOf(p), []);
  const l = find(defs, 'legacies');
  assert.equal(l.provisionable, false);
  assert.match(l.notProvisionable!, /registry schema of AWS::X::Legacy has no handlers/);
  assert.ok(!defs.some((d) => d.tagsOf), 'no tag views for types that cannot be read');
  assert.ok(!defs.some((d) => d.cfnType === 'AWS::X::Sam'), 'types without an identifier are not managed');
});

test('tagging drives the _tags views: taggable, tagProperty and its shape', () => {
  const vpc = reg('AWS::X::Vpc', ['VpcId', ['Tags', { type: 'array' }]], { primaryIdentifier: ['/properties/VpcId'], tagging: { taggable: true, tagProperty: '/properties/Tags' } });
  const plan = reg('AWS::X::Plan', ['PlanId', ['PlanTags', { type: 'object' }]], { primaryIdentifier: ['/properties/PlanId'], tagging: { taggable: true, tagProperty: '/properties/PlanTags' } });
  const off = reg('AWS::X::Off', ['OffId', ['Tags', { type: 'array' }]], { primaryIdentifier: ['/properties/OffId'], tagging: { taggable: false } });
  const nested = reg('AWS::X::Nested', ['NestedId', ['TagSpecifications', { type: 'array' }]], {
    primaryIdentifier: ['/properties/NestedId'],
    tagging: { taggable: true, tagProperty: '/properties/TagSpecifications/*/Tags' },
  });
  const offSpec = spec('AWS::X::Off', ['Tags'], ['OffId'], ['OffId']);
  offSpec.tagInformation = { tagPropertyName: 'Tags', variant: 'standard' };
  const defs = build([offSpec], [vpc, plan, off, nested]);
  assert.deepEqual(find(defs, 'vpcs').tags, { property: 'Tags', variant: 'standard' });
  assert.deepEqual(find(defs, 'plans').tags, { property: 'PlanTags', variant: 'map' });
  assert.deepEqual(
    defs.filter((d) => d.tagsOf).map((d) => d.name),
    ['plan_tags', 'vpc_tags'],
    'the registry saying not taggable wins over the specification; a nested tag property has no view',
  );
  assert.deepEqual(methodsOf(find(defs, 'vpc_tags')).map((m) => m.name), ['list_resources', 'get_resource']);
});

test('nested attributes stay inside their top-level column', () => {
  const vpc = spec('AWS::X::Vpc', ['Control'], ['VpcId', 'Control.State'], ['VpcId']);
  const [def] = buildCatalog([vpc]);
  assert.deepEqual(
    def.columns.map((c) => c.name),
    ['control', 'vpc_id', 'region'],
  );
});

test('compactSchema keeps what validation reads and drops prose and permissions', () => {
  const r: RegistrySchema = {
    typeName: 'AWS::X::Thing',
    description: 'Prose.',
    sourceUrl: 'https://example.com',
    properties: {
      description: { type: 'string', description: 'A property named description keeps its schema.' },
      Mode: { type: 'string', enum: ['A'], default: { description: 'data, kept' }, $comment: 'dropped' },
    },
    definitions: { Tag: { type: 'object', title: 'dropped', properties: { Key: { type: 'string', pattern: '^a' } }, required: ['Key'] } },
    required: ['Mode'],
    primaryIdentifier: ['/properties/Mode'],
    handlers: { list: { permissions: ['x:List'], handlerSchema: { properties: { Mode: { $ref: 'resource-schema.json#/properties/Mode' } }, required: ['Mode'] } } },
    tagging: { taggable: true, permissions: ['x:Tag'] },
  };
  assert.deepEqual(compactSchema(r), {
    typeName: 'AWS::X::Thing',
    properties: {
      description: { type: 'string' },
      Mode: { type: 'string', enum: ['A'], default: { description: 'data, kept' } },
    },
    definitions: { Tag: { type: 'object', properties: { Key: { type: 'string', pattern: '^a' } }, required: ['Key'] } },
    required: ['Mode'],
    primaryIdentifier: ['/properties/Mode'],
    handlers: { list: { handlerSchema: { properties: { Mode: { $ref: 'resource-schema.json#/properties/Mode' } }, required: ['Mode'] } } },
    tagging: { taggable: true },
  });
});

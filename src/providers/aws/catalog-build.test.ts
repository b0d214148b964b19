import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog, columnTypeOf, plainText, type SpecResource } from './catalog-build.js';

test('plainText drops Markdown marks but keeps code spans verbatim', () => {
  assert.equal(
    plainText('Use `arn:aws:iam::*:user/*` as in the *User Guide* , see [docs](https://x) .'),
    'Use arn:aws:iam::*:user/* as in the User Guide, see docs.',
  );
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
  const p = (names: string[]) => Object.fromEntries(names.map((n) => [n, { type: { type: 'string' }, documentation: n }]));
  return { cloudFormationType: type, properties: p(props), attributes: p(attrs), primaryIdentifier };
}

test('colliding names resolve deterministically, whatever the spec order', () => {
  const a = spec('AWS::X::Setting', ['Name'], [], ['Name']);
  const b = spec('AWS::X::Settings', ['Name'], [], ['Name']);
  for (const input of [[a, b], [b, a]]) {
    const names = buildCatalog(input).map((d) => `${d.cfnType}=${d.name}`);
    assert.deepEqual(names, ['AWS::X::Setting=setting', 'AWS::X::Settings=settings']);
  }
});

test('a child links to the parent whose identifier is its leading writable part', () => {
  const api = spec('AWS::X::Api', ['Name'], ['ApiId'], ['ApiId']);
  const child = spec('AWS::X::Route', ['ApiId', 'Path'], ['RouteId'], ['ApiId', 'RouteId']);
  const orphan = spec('AWS::X::Attachment', ['VpcId'], ['Kind'], ['Kind', 'VpcId']);
  const defs = buildCatalog([api, child, orphan, spec('AWS::X::Legacy', ['A'], [])]);
  assert.deepEqual(defs.find((d) => d.name === 'routes')?.parent, { property: 'ApiId', cfnType: 'AWS::X::Api', table: 'x.apis' });
  assert.equal(defs.find((d) => d.name === 'attachments')?.parent, undefined);
  assert.equal(defs.find((d) => d.cfnType === 'AWS::X::Legacy'), undefined, 'types without an identifier are not managed');
});

test('nested attributes stay inside their top-level column', () => {
  const vpc = spec('AWS::X::Vpc', ['Control'], ['VpcId', 'Control.State'], ['VpcId']);
  const [def] = buildCatalog([vpc]);
  assert.deepEqual(
    def.columns.map((c) => c.name),
    ['control', 'vpc_id', 'region'],
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogIndex, ResourceDef } from '../catalog-types.js';
import { catalogCounts, countsSentence, readmeCountsSentence, updateReadmeCounts } from './catalog-counts.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

test('counts: types, provisionable or not (and why), tag views, services', () => {
  const def = (name: string, extra: Partial<ResourceDef> = {}): ResourceDef => ({
    service: 'x', name, cfnType: `AWS::X::${name}`, description: '', columns: [], primaryIdentifier: ['Id'], ...extra,
  });
  const c = catalogCounts(
    [
      def('a', { handlers: { read: [] } }),
      def('a_tags', { tagsOf: 'a' }),
      def('b', { provisionable: false, notProvisionable: 'the registry data has no Cloud Control schema for AWS::X::b' }),
      def('c', { provisionable: false, notProvisionable: 'the registry schema of AWS::X::c has no handlers' }),
      def('resource_requests', { meta: 'resource_requests' }),
    ],
    2,
  );
  assert.deepEqual(c, { types: 3, provisionable: 1, notProvisionable: 2, withoutRegistrySchema: 1, tagViews: 1, services: 2, tables: 5 });
  assert.match(countsSentence(c), /^3 resource types in 2 services, 1 of them provisionable through Cloud Control; the other 2 \(1 with no registry schema, 1 with a schema but no handlers\)/);
});

test('updateReadmeCounts rewrites only the marked sentence, and only when it changed', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'skyql-readme-')), 'README.md');
  writeFileSync(path, 'before <!-- catalog-counts -->old<!-- /catalog-counts -->. after\n');
  const c = { types: 1, provisionable: 1, notProvisionable: 0, withoutRegistrySchema: 0, tagViews: 0, services: 1, tables: 2 };
  assert.equal(updateReadmeCounts(path, c), true);
  assert.equal(readFileSync(path, 'utf8'), `before <!-- catalog-counts -->${countsSentence(c)}<!-- /catalog-counts -->. after\n`);
  assert.equal(updateReadmeCounts(path, c), false);
});

test("the README's counts are the build's (catalog/aws/index.json), not typed by hand", () => {
  const index = JSON.parse(readFileSync(join(root, 'catalog', 'aws', 'index.json'), 'utf8')) as CatalogIndex;
  assert.ok(index.counts, 'the build records its counts');
  assert.equal(readmeCountsSentence(join(root, 'README.md')), countsSentence(index.counts));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog } from './catalog.js';

test('registrySchema: the compact registry schema of a type, for the local cloud', () => {
  const catalog = new Catalog();
  const fn = catalog.registrySchema('AWS::Lambda::Function');
  assert.ok(fn, 'AWS::Lambda::Function has a registry schema');
  assert.deepEqual(fn.required, ['Code', 'Role']);
  assert.ok(fn.writeOnlyProperties?.includes('/properties/Code/ZipFile'));
  assert.deepEqual(Object.keys(fn.handlers ?? {}), ['create', 'update', 'read', 'delete', 'list']);
  assert.equal(fn.handlers?.create?.permissions, undefined, 'permissions are in the catalog, not here');
  assert.equal(fn.description, undefined, 'no prose');
  const cert = catalog.registrySchema('AWS::ACMPCA::Certificate');
  assert.deepEqual(Object.keys(cert?.handlers ?? {}), ['create', 'read', 'delete']);
  assert.equal(catalog.registrySchema('AWS::CodeBuild::Project'), undefined, 'no registry schema: not provisionable');
  assert.deepEqual(catalog.registrySchema('AWS::Route53::RecordSet')?.handlers, undefined, 'a schema without handlers');
  assert.equal(catalog.registrySchema('AWS::NoSuch::Thing'), undefined);
  assert.equal(catalog.registrySchema('AWS::Lambda::constructor'), undefined);
});

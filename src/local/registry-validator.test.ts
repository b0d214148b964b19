import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TypeRegistry } from './resource-type.js';
import { registryProblems } from './registry-validator.js';
import { assertValidModel } from './schema-validator.js';

const registry = new TypeRegistry();

// Cloud Control validates with everit-json-schema and reports "Model validation failed (#/…: …)"
// (pulumi-aws-native#906, terraform-provider-awscc#1613 quote its messages).
test('enum, minLength, minimum and pattern from the registry schema, nested definitions included', () => {
  const bucket = registry.get('AWS::S3::Bucket');
  assert.deepEqual(registryProblems(bucket, { BucketName: 'b', Tags: [{ Key: '', Value: 'v' }], VersioningConfiguration: { Status: 'Sometimes' } }), [
    '#/Tags/0/Key: expected minLength: 1, actual: 0',
    '#/VersioningConfiguration/Status: Sometimes is not a valid enum value',
  ]);
  const fn = registry.get('AWS::Lambda::Function');
  assert.deepEqual(registryProblems(fn, { Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' }, Timeout: 0 }), ['#/Timeout: 0 is not greater or equal to 1']);
  assert.match(registryProblems(fn, { Role: 'r', Code: { ZipFile: 'x' } })[0], /^#\/Role: string \[r\] does not match pattern \^arn:/);
  assert.deepEqual(registryProblems(fn, { Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' } }), []);
});

test('assertValidModel: the catalog shapes first, then the registry schema, as a ValidationException', () => {
  const bucket = registry.get('AWS::S3::Bucket');
  assert.throws(() => assertValidModel(bucket, { VersioningConfiguration: { Status: 'Sometimes' } }), (e: Error & { type?: string }) => {
    assert.equal(e.type, 'ValidationException');
    assert.equal(e.message, 'Model validation failed (#/VersioningConfiguration/Status: Sometimes is not a valid enum value)');
    return true;
  });
  // Read-only values of a patched model are the service's: not validated again.
  assert.doesNotThrow(() => assertValidModel(bucket, { BucketName: 'b', Arn: 'not-an-arn', DomainName: 'b.s3.amazonaws.com' }));
});

test('a type without a registry schema validates with the catalog alone', () => {
  assert.deepEqual(registryProblems(registry.get('AWS::CodeBuild::Project'), { Anything: 1 }), []);
});

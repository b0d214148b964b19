import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAuthorization, regionOf } from './sigv4-scope.js';

const header = (scope: string) =>
  `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'a'.repeat(64)}`;

function rejects(h: string | undefined, type: string, message: RegExp, regions?: Set<string>): void {
  assert.throws(() => regionOf(h, regions), (e: Error & { type?: string; status?: number }) => {
    assert.equal(e.type, type);
    assert.equal(e.status, 403);
    assert.match(e.message, message);
    return true;
  });
}

test('the region comes from the credential scope', () => {
  assert.deepEqual(parseAuthorization(header('test/20240102/eu-west-1/cloudcontrolapi/aws4_request')), {
    accessKeyId: 'test',
    date: '20240102',
    region: 'eu-west-1',
    service: 'cloudcontrolapi',
  });
  assert.equal(regionOf(header('AKIA/20240102/us-gov-west-1/cloudcontrolapi/aws4_request'), undefined), 'us-gov-west-1');
  assert.equal(regionOf(header('AKIA/20240102/us-east-1/cloudcontrolapi/aws4_request'), new Set(['us-east-1'])), 'us-east-1');
});

test('missing, malformed and mis-scoped headers are refused with 403', () => {
  rejects(undefined, 'MissingAuthenticationTokenException', /Missing Authentication Token/);
  rejects('Bearer abc', 'IncompleteSignatureException', /SigV4/);
  rejects('AWS4-HMAC-SHA256 Credential=a/20240101/us-east-1/cloudcontrolapi/aws4_request', 'IncompleteSignatureException', /'SignedHeaders'/);
  rejects(header('a/2024/us-east-1/cloudcontrolapi/aws4_request'), 'IncompleteSignatureException', /valid region/);
  rejects(header('a/20240101/us-east-1/s3/aws4_request'), 'InvalidSignatureException', /correct service: 'cloudcontrolapi'/);
  rejects(header('a/20240101/mars-1/cloudcontrolapi/aws4_request'), 'InvalidSignatureException', /not 'mars-1'/);
  rejects(header('a/20240101/eu-west-1/cloudcontrolapi/aws4_request'), 'InvalidSignatureException', /serves: us-east-1/, new Set(['us-east-1']));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOperation, validateInput } from './input-shapes.js';

function fails(op: string, input: Record<string, unknown>, type: string, message: RegExp): void {
  assert.throws(() => validateInput(op, input), (e: Error & { type?: string; status?: number }) => {
    assert.equal(e.type, type);
    assert.equal(e.status, 400);
    assert.match(e.message, message);
    return true;
  });
}

test('the eight operations are known, others are not', () => {
  for (const op of ['CreateResource', 'GetResource', 'ListResources', 'UpdateResource', 'DeleteResource', 'GetResourceRequestStatus', 'ListResourceRequests', 'CancelResourceRequest']) {
    assert.ok(isOperation(op), op);
  }
  assert.ok(!isOperation('DescribeType'));
  assert.ok(!isOperation('toString'));
});

test('valid inputs pass', () => {
  validateInput('GetResource', { TypeName: 'AWS::EC2::VPC', Identifier: 'vpc-1' });
  validateInput('ListResources', { TypeName: 'AWS::EC2::VPC', MaxResults: 100, NextToken: 'abc' });
  validateInput('ListResourceRequests', { ResourceRequestStatusFilter: { Operations: ['CREATE'], OperationStatuses: ['SUCCESS'] } });
  validateInput('CreateResource', { TypeName: 'AWS::EC2::VPC', DesiredState: '{}', ClientToken: 'abc-123' });
});

test('violations read as AWS request validation reports them', () => {
  fails('GetResource', { TypeName: 'AWS::EC2::VPC' }, 'ValidationException', /^1 validation error detected: Value null at 'identifier' failed to satisfy constraint: Member must not be null$/);
  fails('ListResources', { TypeName: 'AWS::EC2::VPC', MaxResults: 101 }, 'ValidationException', /Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/);
  fails('ListResources', { TypeName: 'AWS::EC2::VPC', MaxResults: 0 }, 'ValidationException', /greater than or equal to 1/);
  fails('CreateResource', { TypeName: 'bad' }, 'ValidationException', /^3 validation errors detected: Value 'bad' at 'typeName' .*length greater than or equal to 10; .*regular expression pattern.*; Value null at 'desiredState' failed to satisfy constraint: Member must not be null$/);
  fails('GetResourceRequestStatus', { RequestToken: 'has space' }, 'ValidationException', /regular expression pattern: \[-A-Za-z0-9\+\/=\]\+/);
  fails('ListResourceRequests', { ResourceRequestStatusFilter: { Operations: ['MOVE'] } }, 'ValidationException', /enum value set: \[CREATE, DELETE, UPDATE\]/);
  fails('GetResource', { TypeName: 7, Identifier: 'x' }, 'SerializationException', /TypeName/);
  fails('ListResources', { TypeName: 'AWS::EC2::VPC', MaxResults: '5' }, 'SerializationException', /MaxResults/);
});

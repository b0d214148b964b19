// The per-service attribute modules (s3-, iam-, sqs-, dynamodb-, elb-attributes.ts) and
// the namespaces and page sizes kept as data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateAttributes } from './attribute-generator.js';
import { derivedAttributes, updatedAttributes } from './derived-attributes.js';
import { iamUniqueId } from './iam-attributes.js';
import { listPageSize } from './list-page-sizes.js';
import { namespaceOf } from './namespaces.js';
import { TypeRegistry } from './resource-type.js';
import { websiteHost } from './s3-attributes.js';

const types = new TypeRegistry();
const ctx = { region: 'eu-west-1', account: '123456789012', partition: 'aws', now: Date.parse('2026-01-02T03:04:05.678Z') };

test('S3 website endpoints: a dash in the first Regions, a dot in the rest', () => {
  assert.equal(websiteHost('b', 'us-east-1'), 'b.s3-website-us-east-1.amazonaws.com');
  assert.equal(websiteHost('b', 'sa-east-1'), 'b.s3-website-sa-east-1.amazonaws.com');
  assert.equal(websiteHost('b', 'eu-central-1'), 'b.s3-website.eu-central-1.amazonaws.com');
  assert.equal(websiteHost('b', 'ap-south-1'), 'b.s3-website.ap-south-1.amazonaws.com');
});

test('IAM unique ids: the prefix and 17 upper-case letters and digits', () => {
  assert.match(iamUniqueId('AROA'), /^AROA[A-Z2-7]{17}$/);
  assert.notEqual(iamUniqueId('AROA'), iamUniqueId('AROA'));
});

test('a DynamoDB StreamArn follows StreamSpecification: labelled with the time it was turned on, kept while on, gone when off', () => {
  const on = derivedAttributes('AWS::DynamoDB::Table', { TableName: 't', StreamSpecification: { StreamViewType: 'KEYS_ONLY' } }, ctx);
  assert.equal(on.StreamArn, 'arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2026-01-02T03:04:05.678');
  assert.equal(derivedAttributes('AWS::DynamoDB::Table', { TableName: 't' }, ctx).StreamArn, undefined);
  const kept = updatedAttributes('AWS::DynamoDB::Table', { TableName: 't', StreamSpecification: { StreamViewType: 'NEW_IMAGE' } }, { StreamArn: on.StreamArn }, { ...ctx, now: ctx.now + 1000 });
  assert.equal(kept.StreamArn, on.StreamArn);
  assert.equal('StreamArn' in updatedAttributes('AWS::DynamoDB::Table', { TableName: 't', StreamArn: on.StreamArn }, { StreamArn: on.StreamArn }, ctx), false);
});

test('the generic generator leaves what a module owns: no StreamArn without a stream, a QueueUrl as the SQS identifier', () => {
  assert.equal(generateAttributes(types.get('AWS::DynamoDB::Table'), 'us-east-1', { TableName: 't', KeySchema: [] }).StreamArn, undefined);
  const q = generateAttributes(types.get('AWS::SQS::Queue'), 'us-east-2', { QueueName: 'MyQueue' });
  assert.equal(q.QueueUrl, 'https://sqs.us-east-2.amazonaws.com/123456789012/MyQueue');
  assert.equal(q.Arn, 'arn:aws:sqs:us-east-2:123456789012:MyQueue');
});

test('global services have Region-less ARNs wherever they are created; S3 bucket names are account-wide', () => {
  assert.equal(namespaceOf('AWS::IAM::Role'), 'global');
  assert.equal(namespaceOf('AWS::CloudFront::Distribution'), 'global');
  assert.equal(namespaceOf('AWS::S3::Bucket'), 'account-wide-names');
  assert.equal(namespaceOf('AWS::S3::AccessPoint'), 'regional');
  assert.equal(namespaceOf('AWS::EC2::VPC'), 'regional');
  const p = generateAttributes(types.get('AWS::IAM::ManagedPolicy'), 'eu-west-1', { ManagedPolicyName: 'p', Path: '/a/', PolicyDocument: {} });
  assert.equal(p.PolicyArn, 'arn:aws:iam::123456789012:policy/a/p');
  const org = generateAttributes(types.get('AWS::Organizations::OrganizationalUnit'), 'eu-west-1', { Name: 'ou', ParentId: 'r-1' });
  assert.doesNotMatch(String(org.Arn), /eu-west-1/);
});

test("list page sizes: the handler's own, 100 where no table entry says otherwise", () => {
  assert.equal(listPageSize('AWS::Lambda::Function'), 50);
  assert.equal(listPageSize('AWS::EC2::VPC'), 100);
  assert.equal(types.get('AWS::Lambda::Function').listPageSize, 50);
});

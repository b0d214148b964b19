// The fidelity behaviours as the AWS CLI sees them (botocore, generated from the service
// model Cloud Control publishes): `aws cloudcontrol … --endpoint-url` against the local
// cloud in this process. Each CLI call costs a Python start (over a second of CPU here), so
// this file makes six, one per wire shape botocore must parse, through one CLI driver
// (test/support/aws-cli.ts); the SDK files
// (local-fidelity-reads/-requests/-namespaces) test every behaviour in full. CI installs
// the CLI (.ci/run); elsewhere the test is skipped when it is missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { awsCli, hasAwsCli, type AwsCli } from '../support/aws-cli.js';
import { startTestCloud } from '../support/local-cloud.js';
import type { TestCloud } from '../support/local-cloud.js';


const skip = !process.env.CI && !(await hasAwsCli()) && 'the aws CLI is not installed (CI installs it: .ci/run)';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let cloud: TestCloud;
let home: string;
const now = Date.parse('2026-05-01T08:00:00.000Z');

let cli: AwsCli;

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'skyql-aws-fidelity-'));
  cloud = await startTestCloud({ clock: () => now });
  if (skip) return;
  // Async: the server runs in this process and must keep serving while the CLI waits.
  cli = await awsCli({
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  });
});

after(async () => {
  cli?.close();
  await cloud?.close();
  rmSync(home, { recursive: true, force: true });
});

/** `aws cloudcontrol <args>` through `region`, in the one CLI driver; resolves the JSON output. */
async function aws(region: string, ...args: string[]): Promise<Json> {
  const r = await cli.run(['cloudcontrol', ...args, '--region', region, '--endpoint-url', cloud.endpoint, '--output', 'json']);
  if (r.code !== 0) throw Object.assign(new Error(`aws cloudcontrol ${args.join(' ')} exited ${r.code}: ${r.stderr}`), r);
  return r.stdout.trim() ? (JSON.parse(r.stdout) as Json) : {};
}

/** The CLI's failure: its stderr, which names the error code. */
async function awsFails(region: string, ...args: string[]): Promise<string> {
  try {
    await aws(region, ...args);
  } catch (e) {
    return String((e as { stderr?: string }).stderr);
  }
  throw new Error(`aws cloudcontrol ${args.join(' ')} succeeded`);
}

async function get(region: string, type: string, id: string): Promise<Json> {
  const out = await aws(region, 'get-resource', '--type-name', type, '--identifier', id);
  return JSON.parse(out.ResourceDescription.Properties as string) as Json;
}

test('aws cloudcontrol: first event names a caller-supplied identifier; SUCCESS has no ResourceModel; S3 shapes; Lambda pages by 50 whatever MaxResults (Reserved); no list handler is UnsupportedActionException; IAM reads from any Region with a Region-less ARN (API Reference examples; S3 and IAM General Reference)', { skip }, async () => {
  const first = (await aws('us-east-1', 'create-resource', '--type-name', 'AWS::S3::Bucket', '--desired-state', JSON.stringify({ BucketName: 'cli-bucket' }))).ProgressEvent as Json;
  assert.equal(first.OperationStatus, 'IN_PROGRESS');
  assert.equal(first.Identifier, 'cli-bucket');
  const final = (await aws('us-east-1', 'get-resource-request-status', '--request-token', first.RequestToken)).ProgressEvent as Json;
  assert.equal(final.OperationStatus, 'SUCCESS');
  assert.equal(final.ResourceModel, undefined);
  const b = await get('us-east-1', 'AWS::S3::Bucket', 'cli-bucket');
  assert.equal(b.Arn, 'arn:aws:s3:::cli-bucket');
  assert.equal(b.DomainName, 'cli-bucket.s3.amazonaws.com');
  assert.equal(b.WebsiteURL, 'http://cli-bucket.s3-website-us-east-1.amazonaws.com');

  // Seeded through the SDK: only the reads need the CLI.
  const sdk = cloud.client('eu-west-3');
  for (let i = 0; i < 51; i++) {
    const desired = { FunctionName: `cli-fn-${String(i).padStart(2, '0')}`, Role: 'arn:aws:iam::123456789012:role/exec', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } };
    await sdk.send(new CreateResourceCommand({ TypeName: 'AWS::Lambda::Function', DesiredState: JSON.stringify(desired) }));
  }
  const page = await aws('eu-west-3', 'list-resources', '--cli-input-json', JSON.stringify({ TypeName: 'AWS::Lambda::Function', MaxResults: 5 }), '--no-paginate');
  assert.equal(page.ResourceDescriptions.length, 50);
  assert.ok(page.NextToken);

  assert.match(await awsFails('us-east-1', 'list-resources', '--type-name', 'AWS::ACMPCA::Certificate'), /UnsupportedActionException.*Resource type AWS::ACMPCA::Certificate does not support LIST action/);

  await cloud.client('us-east-1').send(new CreateResourceCommand({ TypeName: 'AWS::IAM::Role', DesiredState: JSON.stringify({ RoleName: 'cli-role', Path: '/team/', AssumeRolePolicyDocument: {} }) }));
  const r = await get('ap-southeast-1', 'AWS::IAM::Role', 'cli-role');
  assert.equal(r.Arn, 'arn:aws:iam::123456789012:role/team/cli-role');
  assert.match(r.RoleId, /^AROA[A-Z0-9]{17}$/);
});

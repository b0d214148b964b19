// What the services do beyond the registry schema, driven with the official SDK against the
// in-process local cloud: the companions EC2 creates with a VPC (src/local/ec2-rules.ts),
// Lambda's runtime and handler rule (src/local/lambda-rules.ts), and the settings S3 and
// Lambda give a new resource (src/local/service-defaults.ts). Each test names its source.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  ListResourcesCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-cloudcontrol';
import type { ProgressEvent } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, requestEnd } from '../support/local-cloud.js';
import type { TestCloud } from '../support/local-cloud.js';

type Model = Record<string, unknown>;

let cloud: TestCloud;

before(async () => {
  cloud = await startTestCloud();
});

after(async () => {
  await cloud.close();
});

const finished = (event: ProgressEvent | undefined) => requestEnd(cloud.client(), event);

async function create(type: string, desired: Model): Promise<ProgressEvent> {
  return finished((await cloud.client().send(new CreateResourceCommand({ TypeName: type, DesiredState: JSON.stringify(desired) }))).ProgressEvent);
}

async function remove(type: string, id: string): Promise<ProgressEvent> {
  return finished((await cloud.client().send(new DeleteResourceCommand({ TypeName: type, Identifier: id }))).ProgressEvent);
}

async function read(type: string, id: string): Promise<Model> {
  const got = await cloud.client().send(new GetResourceCommand({ TypeName: type, Identifier: id }));
  return JSON.parse(got.ResourceDescription!.Properties!) as Model;
}

async function gone(type: string, id: string): Promise<void> {
  await assert.rejects(read(type, id), (e: Error) => e.name === 'ResourceNotFoundException', `${type} ${id} should be gone`);
}

async function list(type: string, model?: Model): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await cloud.client().send(new ListResourcesCommand({ TypeName: type, ResourceModel: model && JSON.stringify(model), NextToken: token }));
    ids.push(...page.ResourceDescriptions!.map((d) => d.Identifier!));
    token = page.NextToken;
  } while (token);
  return ids;
}

async function vpcWithCompanions(cidr: string) {
  const made = await create('AWS::EC2::VPC', { CidrBlock: cidr });
  assert.equal(made.OperationStatus, 'SUCCESS', made.StatusMessage ?? '');
  const vpcId = made.Identifier!;
  const vpc = await read('AWS::EC2::VPC', vpcId);
  const tables: string[] = [];
  for (const id of await list('AWS::EC2::RouteTable')) if ((await read('AWS::EC2::RouteTable', id)).VpcId === vpcId) tables.push(id);
  return { vpcId, sg: String(vpc.DefaultSecurityGroup), acl: String(vpc.DefaultNetworkAcl), tables };
}

test('a new VPC comes with its default security group (all traffic from itself in, all out), default network ACL and main route table with its local route, each readable and listed (VPC User Guide: default security groups, network ACLs, route tables)', async () => {
  const { vpcId, sg, acl, tables } = await vpcWithCompanions('10.3.0.0/16');
  assert.deepEqual(await read('AWS::EC2::SecurityGroup', sg), {
    Id: sg,
    GroupId: sg,
    GroupName: 'default',
    GroupDescription: 'default VPC security group',
    VpcId: vpcId,
    SecurityGroupIngress: [{ IpProtocol: '-1', FromPort: -1, ToPort: -1, SourceSecurityGroupId: sg }],
    SecurityGroupEgress: [{ IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' }],
  });
  assert.ok((await list('AWS::EC2::SecurityGroup')).includes(sg));
  assert.deepEqual(await read('AWS::EC2::NetworkAcl', acl), { Id: acl, VpcId: vpcId });
  assert.ok((await list('AWS::EC2::NetworkAcl')).includes(acl));
  assert.equal(tables.length, 1, 'one main route table');
  const [main] = tables;
  assert.match(main, /^rtb-[0-9a-f]{17}$/);
  assert.deepEqual(await list('AWS::EC2::Route', { RouteTableId: main }), [`${main}|10.3.0.0/16`]);
  assert.deepEqual(await read('AWS::EC2::Route', `${main}|10.3.0.0/16`), { RouteTableId: main, DestinationCidrBlock: '10.3.0.0/16', CidrBlock: '10.3.0.0/16', GatewayId: 'local' });

  // An instance launched with no security group gets the VPC's default one, which now exists.
  const subnet = await create('AWS::EC2::Subnet', { VpcId: vpcId, CidrBlock: '10.3.1.0/24' });
  const instance = await create('AWS::EC2::Instance', { ImageId: 'ami-12345678', SubnetId: subnet.Identifier });
  assert.equal(instance.OperationStatus, 'SUCCESS', instance.StatusMessage ?? '');
  assert.deepEqual((await read('AWS::EC2::Instance', instance.Identifier!)).SecurityGroupIds, [sg]);
  assert.equal((await remove('AWS::EC2::Instance', instance.Identifier!)).OperationStatus, 'SUCCESS');
  assert.equal((await remove('AWS::EC2::Subnet', subnet.Identifier!)).OperationStatus, 'SUCCESS');
});

test('the companions cannot be deleted on their own, with the errors EC2 gives (CannotDelete; cannot delete default network ACL; the main route table in use; cannot remove local route)', async () => {
  const { sg, acl, tables } = await vpcWithCompanions('10.4.0.0/16');
  const [main] = tables;
  const sgDelete = await remove('AWS::EC2::SecurityGroup', sg);
  assert.equal(sgDelete.OperationStatus, 'FAILED');
  assert.equal(sgDelete.ErrorCode, 'GeneralServiceException');
  assert.match(sgDelete.StatusMessage!, new RegExp(`^the specified group: "${sg}" name: "default" cannot be deleted by a user \\(Service: AmazonEC2; Status Code: 400; Error Code: CannotDelete; `));
  const aclDelete = await remove('AWS::EC2::NetworkAcl', acl);
  assert.equal(aclDelete.ErrorCode, 'InvalidRequest');
  assert.match(aclDelete.StatusMessage!, new RegExp(`^cannot delete default network ACL ${acl} \\(Service: AmazonEC2; .*Error Code: InvalidParameterValue;`));
  const rtDelete = await remove('AWS::EC2::RouteTable', main);
  assert.equal(rtDelete.ErrorCode, 'GeneralServiceException');
  assert.match(rtDelete.StatusMessage!, new RegExp(`^The routeTable '${main}' has dependencies and cannot be deleted\\. .*Error Code: DependencyViolation;`));
  const routeDelete = await remove('AWS::EC2::Route', `${main}|10.4.0.0/16`);
  assert.equal(routeDelete.ErrorCode, 'InvalidRequest');
  assert.match(routeDelete.StatusMessage!, new RegExp(`^cannot remove local route 10\\.4\\.0\\.0/16 in route table ${main} `));
  for (const [type, id] of [['AWS::EC2::SecurityGroup', sg], ['AWS::EC2::NetworkAcl', acl], ['AWS::EC2::RouteTable', main], ['AWS::EC2::Route', `${main}|10.4.0.0/16`]]) {
    assert.ok(await read(type, id), `${type} still there`);
  }
});

test("a route table the caller creates has its local route and goes with it; the VPC's companions do not block its delete and go with it, what the caller made does (EC2 API Reference: DeleteVpc, DeleteRouteTable)", async () => {
  const { vpcId, sg, acl, tables } = await vpcWithCompanions('10.5.0.0/16');
  const [main] = tables;
  const own = await create('AWS::EC2::RouteTable', { VpcId: vpcId });
  const table = own.Identifier!;
  assert.deepEqual(await list('AWS::EC2::Route', { RouteTableId: table }), [`${table}|10.5.0.0/16`]);
  const group = await create('AWS::EC2::SecurityGroup', { GroupDescription: 'app', VpcId: vpcId });

  // What the caller made keeps the VPC: its own route table and security group.
  const blocked = await remove('AWS::EC2::VPC', vpcId);
  assert.equal(blocked.OperationStatus, 'FAILED');
  assert.match(blocked.StatusMessage!, new RegExp(`^The vpc '${vpcId}' has dependencies and cannot be deleted\\.`));
  assert.equal((await remove('AWS::EC2::RouteTable', table)).OperationStatus, 'SUCCESS');
  await gone('AWS::EC2::Route', `${table}|10.5.0.0/16`);
  assert.equal((await remove('AWS::EC2::VPC', vpcId)).OperationStatus, 'FAILED', 'the security group still keeps it');
  assert.equal((await remove('AWS::EC2::SecurityGroup', group.Identifier!)).OperationStatus, 'SUCCESS');

  const deleted = await remove('AWS::EC2::VPC', vpcId);
  assert.equal(deleted.OperationStatus, 'SUCCESS', deleted.StatusMessage ?? '');
  await gone('AWS::EC2::VPC', vpcId);
  await gone('AWS::EC2::SecurityGroup', sg);
  await gone('AWS::EC2::NetworkAcl', acl);
  await gone('AWS::EC2::RouteTable', main);
  await gone('AWS::EC2::Route', `${main}|10.5.0.0/16`);
  assert.ok(!(await list('AWS::EC2::SecurityGroup')).includes(sg));
});

test('AWS::Lambda::Function: a .zip deployment package without Runtime and Handler fails with InvalidRequest and Lambda\'s message; a container image needs neither (Lambda API Reference, CreateFunction)', async () => {
  const role = 'arn:aws:iam::123456789012:role/exec';
  for (const desired of [
    { FunctionName: 'rule-zip', Role: role, Code: { ZipFile: 'exports.handler=async()=>1' } },
    { FunctionName: 'rule-s3', Role: role, Runtime: 'nodejs20.x', Code: { S3Bucket: 'code-bucket', S3Key: 'fn.zip' } },
    { FunctionName: 'rule-pkg', Role: role, Handler: 'index.handler', PackageType: 'Zip', Code: { ZipFile: 'x' } },
  ]) {
    const failed = await create('AWS::Lambda::Function', desired);
    assert.equal(failed.OperationStatus, 'FAILED', desired.FunctionName);
    assert.equal(failed.ErrorCode, 'InvalidRequest');
    assert.match(
      failed.StatusMessage!,
      /^Runtime and Handler are mandatory parameters for functions created with deployment packages\. \(Service: Lambda, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/,
    );
    await gone('AWS::Lambda::Function', desired.FunctionName);
  }
  const image = await create('AWS::Lambda::Function', { FunctionName: 'rule-image', Role: role, PackageType: 'Image', Code: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:latest' } });
  assert.equal(image.OperationStatus, 'SUCCESS', image.StatusMessage ?? '');
});

test('AWS::Lambda::Function reads back PackageType Zip, LoggingConfig Text to /aws/lambda/<name>, TracingConfig PassThrough with MemorySize, Timeout, Architectures and EphemeralStorage; what the caller gives wins (Lambda API Reference: CreateFunction, LoggingConfig, TracingConfig)', async () => {
  const role = 'arn:aws:iam::123456789012:role/exec';
  const fn = await create('AWS::Lambda::Function', { FunctionName: 'defaults-fn', Role: role, Runtime: 'python3.12', Handler: 'app.handler', Code: { ZipFile: 'x' } });
  assert.equal(fn.OperationStatus, 'SUCCESS', fn.StatusMessage ?? '');
  const m = await read('AWS::Lambda::Function', 'defaults-fn');
  assert.deepEqual(
    [m.PackageType, m.LoggingConfig, m.TracingConfig, m.MemorySize, m.Timeout, m.Architectures, m.EphemeralStorage],
    ['Zip', { LogFormat: 'Text', LogGroup: '/aws/lambda/defaults-fn' }, { Mode: 'PassThrough' }, 128, 3, ['x86_64'], { Size: 512 }],
  );
  const given = await create('AWS::Lambda::Function', {
    FunctionName: 'given-fn', Role: role, Runtime: 'python3.12', Handler: 'app.handler', Code: { ZipFile: 'x' },
    TracingConfig: { Mode: 'Active' }, LoggingConfig: { LogFormat: 'JSON', LogGroup: 'custom' }, MemorySize: 256,
  });
  assert.equal(given.OperationStatus, 'SUCCESS', given.StatusMessage ?? '');
  const g = await read('AWS::Lambda::Function', 'given-fn');
  assert.deepEqual([g.TracingConfig, g.LoggingConfig, g.MemorySize], [{ Mode: 'Active' }, { LogFormat: 'JSON', LogGroup: 'custom' }, 256]);
});

test('AWS::S3::Bucket: a new bucket reads back SSE-S3 encryption (AES256, no bucket key), Block Public Access all on and BucketOwnerEnforced; a patch that removes the last two leaves none, encryption comes back (S3 User Guide: default encryption, Block Public Access, Object Ownership)', async () => {
  const made = await create('AWS::S3::Bucket', { BucketName: 'defaults-bucket' });
  assert.equal(made.OperationStatus, 'SUCCESS', made.StatusMessage ?? '');
  const sse = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] };
  const b = await read('AWS::S3::Bucket', 'defaults-bucket');
  assert.deepEqual(b.BucketEncryption, sse);
  assert.deepEqual(b.PublicAccessBlockConfiguration, { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  assert.deepEqual(b.OwnershipControls, { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });

  const kms = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] };
  const given = await create('AWS::S3::Bucket', { BucketName: 'given-bucket', BucketEncryption: kms, PublicAccessBlockConfiguration: { BlockPublicAcls: false }, OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } });
  assert.equal(given.OperationStatus, 'SUCCESS', given.StatusMessage ?? '');
  const g = await read('AWS::S3::Bucket', 'given-bucket');
  assert.deepEqual([g.BucketEncryption, g.PublicAccessBlockConfiguration, g.OwnershipControls], [kms, { BlockPublicAcls: false }, { Rules: [{ ObjectOwnership: 'ObjectWriter' }] }]);

  const patch = [
    { op: 'remove', path: '/PublicAccessBlockConfiguration' },
    { op: 'remove', path: '/OwnershipControls' },
    { op: 'remove', path: '/BucketEncryption' },
  ];
  const updated = await finished((await cloud.client().send(new UpdateResourceCommand({ TypeName: 'AWS::S3::Bucket', Identifier: 'given-bucket', PatchDocument: JSON.stringify(patch) }))).ProgressEvent);
  assert.equal(updated.OperationStatus, 'SUCCESS', updated.StatusMessage ?? '');
  const after = await read('AWS::S3::Bucket', 'given-bucket');
  assert.equal(after.PublicAccessBlockConfiguration, undefined);
  assert.equal(after.OwnershipControls, undefined);
  assert.deepEqual(after.BucketEncryption, sse);
});

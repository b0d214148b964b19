import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalCloud, withLeadingSlashes } from './cloud-operations.js';
import { FaultInjector } from './fault-injector.js';
import { StateStore } from './state-store.js';
import type { ProgressEvent as Event } from './progress-event.js';

type Json = Record<string, unknown>;

function cloud(opts: { opDelayMs?: number; failRate?: number; clock?: () => number } = {}) {
  const store = new StateStore(':memory:');
  const c = new LocalCloud(store, { opDelayMs: opts.opDelayMs ?? 0, faults: new FaultInjector({ failRate: opts.failRate }), clock: opts.clock });
  const call = (op: string, input: Json, region = 'us-east-1') => JSON.parse(c.handle(op, region, input)) as Json;
  const event = (op: string, input: Json, region = 'us-east-1') => call(op, input, region).ProgressEvent as Event;
  const status = (token: string, region = 'us-east-1') => event('GetResourceRequestStatus', { RequestToken: token }, region);
  const create = (typeName: string, desired: Json, region = 'us-east-1', extra: Json = {}) => {
    const e = event('CreateResource', { TypeName: typeName, DesiredState: JSON.stringify(desired), ...extra }, region);
    return { first: e, final: status(e.RequestToken, region) };
  };
  const fails = (op: string, input: Json, type: string, message?: RegExp, region = 'us-east-1') =>
    assert.throws(
      () => c.handle(op, region, input),
      (e: Error & { type?: string }) => {
        assert.equal(e.type, type, e.message);
        if (message) assert.match(e.message, message);
        return true;
      },
    );
  return { c, store, call, event, status, create, fails };
}

test('create is IN_PROGRESS first and SUCCESS on the next read, even with no delay', () => {
  const { create, call, c } = cloud({ opDelayMs: 0 });
  const { first, final } = create('AWS::ApiGatewayV2::Api', { Name: 'a', ProtocolType: 'HTTP' });
  assert.equal(first.OperationStatus, 'IN_PROGRESS');
  assert.equal(first.Operation, 'CREATE');
  assert.equal(first.Identifier, undefined);
  assert.equal(final.OperationStatus, 'SUCCESS');
  assert.match(final.Identifier!, /^[a-z0-9]{10}$/);
  assert.equal(final.RequestToken, first.RequestToken);
  assert.ok(final.EventTime >= first.EventTime);
  const got = call('GetResource', { TypeName: 'AWS::ApiGatewayV2::Api', Identifier: final.Identifier });
  const props = JSON.parse((got.ResourceDescription as Json).Properties as string);
  assert.equal(props.ApiId, final.Identifier);
  assert.equal(final.ResourceModel, undefined, 'events at SUCCESS carry no ResourceModel: GetResource reads it');
  c.close();
});

test('with a delay, operations stay IN_PROGRESS until due, then finish on a timer without reads', (t) => {
  // The cloud's clock and its timers, moved on by the test.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let now = Date.UTC(2024, 0, 1);
  const { create, status, store, c } = cloud({ opDelayMs: 60, clock: () => now });
  const { first, final } = create('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
  assert.equal(final.OperationStatus, 'IN_PROGRESS');
  now += 59;
  t.mock.timers.tick(59);
  assert.equal(store.getRequest('us-east-1', first.RequestToken)!.status, 'IN_PROGRESS', 'not yet due');
  now += 1;
  t.mock.timers.tick(1);
  const row = store.getRequest('us-east-1', first.RequestToken)!;
  assert.equal(row.status, 'SUCCESS', 'the timer finished it');
  assert.equal(status(first.RequestToken).OperationStatus, 'SUCCESS');
  c.close();
});

test('children need their parent; duplicates fail AlreadyExists; lists page per parent', () => {
  const { create, call, fails, c } = cloud();
  const orphan = create('AWS::ApiGatewayV2::Integration', { ApiId: 'nosuchapi1', IntegrationType: 'MOCK' }).final;
  assert.equal(orphan.OperationStatus, 'FAILED');
  assert.equal(orphan.ErrorCode, 'NotFound');
  assert.match(orphan.StatusMessage!, /AWS::ApiGatewayV2::Api.*nosuchapi1/);
  const api1 = create('AWS::ApiGatewayV2::Api', { Name: 'one', ProtocolType: 'HTTP' }).final.Identifier!;
  const api2 = create('AWS::ApiGatewayV2::Api', { Name: 'two', ProtocolType: 'HTTP' }).final.Identifier!;
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(create('AWS::ApiGatewayV2::Integration', { ApiId: api1, IntegrationType: 'MOCK' }).final.Identifier!);
  create('AWS::ApiGatewayV2::Integration', { ApiId: api2, IntegrationType: 'MOCK' });
  fails('ListResources', { TypeName: 'AWS::ApiGatewayV2::Integration' }, 'InvalidRequestException', /Required property: \[ApiId\]/);
  fails('ListResources', { TypeName: 'AWS::ApiGatewayV2::Integration', ResourceModel: '{"ApiId":"zzzzzzzzzz"}' }, 'ResourceNotFoundException');
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = call('ListResources', {
      TypeName: 'AWS::ApiGatewayV2::Integration',
      ResourceModel: JSON.stringify({ ApiId: api1 }),
      MaxResults: 2,
      ...(token ? { NextToken: token } : {}),
    });
    for (const d of page.ResourceDescriptions as { Identifier: string; Properties: string }[]) {
      seen.push(d.Identifier);
      const p = JSON.parse(d.Properties);
      assert.deepEqual(Object.keys(p), ['ApiId', 'IntegrationId'], 'lists carry only the primary identifier');
      assert.equal(d.Identifier, `${p.ApiId}|${p.IntegrationId}`);
    }
    token = page.NextToken as string | undefined;
    pages++;
  } while (token);
  assert.deepEqual(seen, ids);
  assert.equal(pages, 1, "the handler's page (25 integrations) holds all five; MaxResults is reserved");

  const apiA = create('AWS::S3::Bucket', { BucketName: 'dup-bucket' }).final;
  assert.equal(apiA.OperationStatus, 'SUCCESS');
  const dup = create('AWS::S3::Bucket', { BucketName: 'dup-bucket' }).final;
  assert.equal(dup.OperationStatus, 'FAILED');
  assert.equal(dup.ErrorCode, 'AlreadyExists');
  c.close();
});

test('deleting a parent deletes its children', () => {
  const { create, event, status, fails, call, c } = cloud();
  const api = create('AWS::ApiGatewayV2::Api', { Name: 'p', ProtocolType: 'HTTP' }).final.Identifier!;
  const child = create('AWS::ApiGatewayV2::Integration', { ApiId: api, IntegrationType: 'MOCK' }).final.Identifier!;
  const del = event('DeleteResource', { TypeName: 'AWS::ApiGatewayV2::Api', Identifier: api });
  assert.equal(del.Identifier, api);
  assert.equal(status(del.RequestToken).OperationStatus, 'SUCCESS');
  fails('GetResource', { TypeName: 'AWS::ApiGatewayV2::Integration', Identifier: child }, 'ResourceNotFoundException');
  fails('GetResource', { TypeName: 'AWS::ApiGatewayV2::Api', Identifier: api }, 'ResourceNotFoundException');
  assert.equal((call('ListResources', { TypeName: 'AWS::ApiGatewayV2::Api' }).ResourceDescriptions as unknown[]).length, 0);
  c.close();
});

test('updates apply RFC 6902 patches; create-only and read-only paths are NotUpdatable; bad results fail validation', () => {
  const { create, event, status, fails, call, c } = cloud();
  const vpc = create('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'a', Value: '1' }] }).final.Identifier!;
  const patch = (doc: unknown) => ({ TypeName: 'AWS::EC2::VPC', Identifier: vpc, PatchDocument: JSON.stringify(doc) });
  fails('UpdateResource', patch([{ op: 'replace', path: '/CidrBlock', value: '10.1.0.0/16' }]), 'NotUpdatableException', /createOnlyProperties \[\/properties\/CidrBlock\]/);
  fails('UpdateResource', patch([{ op: 'replace', path: '/VpcId', value: 'vpc-x' }]), 'NotUpdatableException', /readOnlyProperties \[\/properties\/VpcId\]/);
  fails('UpdateResource', patch([{ op: 'add', path: '/Colour', value: 'red' }]), 'ValidationException', /extraneous key \[Colour\]/);
  fails('UpdateResource', patch([{ op: 'add', path: '/EnableDnsSupport', value: 'yes' }]), 'ValidationException', /#\/EnableDnsSupport: expected type: Boolean, found: String/);
  fails('UpdateResource', patch([{ op: 'remove', path: '/Nope' }]), 'ValidationException', /Invalid patch document/);
  fails('UpdateResource', patch({ op: 'add' }), 'ValidationException', /JSON array/);
  fails('UpdateResource', { ...patch([]), Identifier: 'vpc-0000' }, 'ResourceNotFoundException');
  const e = event('UpdateResource', patch([{ op: 'add', path: '/EnableDnsSupport', value: true }, { op: 'add', path: '/Tags/-', value: { Key: 'b', Value: '2' } }]));
  assert.equal(e.OperationStatus, 'IN_PROGRESS');
  assert.equal(e.Operation, 'UPDATE');
  assert.equal(e.Identifier, vpc);
  const done = status(e.RequestToken);
  assert.equal(done.OperationStatus, 'SUCCESS');
  const after = JSON.parse((call('GetResource', { TypeName: 'AWS::EC2::VPC', Identifier: vpc }).ResourceDescription as Json).Properties as string);
  assert.equal(after.EnableDnsSupport, true);
  assert.deepEqual(after.Tags, [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
  assert.equal(after.VpcId, vpc);
  c.close();
});

test('an update takes effect only when due; a second operation meanwhile is ConcurrentOperationException', () => {
  const { create, event, fails, call, c } = cloud({ opDelayMs: 10_000 });
  create('AWS::S3::Bucket', { BucketName: 'b1' });
  fails('GetResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'b1' }, 'ResourceNotFoundException');
  c.settle(Date.now() + 20_000);
  const before = call('GetResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'b1' });
  event('UpdateResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'b1', PatchDocument: '[{"op":"add","path":"/Tags","value":[]}]' });
  assert.deepEqual(call('GetResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'b1' }), before);
  fails('DeleteResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'b1' }, 'ConcurrentOperationException', /in progress/);
  fails('UpdateResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'b1', PatchDocument: '[]' }, 'ConcurrentOperationException');
  c.settle(Date.now() + 40_000);
  const after = JSON.parse((call('GetResource', { TypeName: 'AWS::S3::Bucket', Identifier: 'b1' }).ResourceDescription as Json).Properties as string);
  assert.deepEqual(after.Tags, []);
  c.close();
});

test('ClientToken makes retries idempotent and refuses reuse for a different request', () => {
  const { event, status, fails, call, c } = cloud();
  const input = { TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.0.0.0/16"}', ClientToken: 'tok-1' };
  const a = event('CreateResource', input);
  const b = event('CreateResource', input);
  assert.equal(b.RequestToken, a.RequestToken);
  status(a.RequestToken);
  const c2 = event('CreateResource', input);
  assert.equal(c2.RequestToken, a.RequestToken);
  assert.equal(c2.OperationStatus, 'SUCCESS', 'the replay reports the original request as it stands now');
  assert.equal((call('ListResources', { TypeName: 'AWS::EC2::VPC' }).ResourceDescriptions as unknown[]).length, 1);
  fails('CreateResource', { ...input, DesiredState: '{"CidrBlock":"10.9.0.0/16"}' }, 'ClientTokenConflictException');
  // The same token in another region is another request.
  const other = event('CreateResource', input, 'eu-west-1');
  assert.notEqual(other.RequestToken, a.RequestToken);
  c.close();
});

test('cancel stops an operation; finished requests cannot be canceled', () => {
  const { event, status, fails, call, c } = cloud({ opDelayMs: 10_000 });
  const e = event('CreateResource', { TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.0.0.0/16"}' });
  const cancel = event('CancelResourceRequest', { RequestToken: e.RequestToken });
  assert.equal(cancel.OperationStatus, 'CANCEL_IN_PROGRESS');
  assert.equal(status(e.RequestToken).OperationStatus, 'CANCEL_COMPLETE');
  c.settle(Date.now() + 20_000);
  assert.equal((call('ListResources', { TypeName: 'AWS::EC2::VPC' }).ResourceDescriptions as unknown[]).length, 0);
  fails('CancelResourceRequest', { RequestToken: e.RequestToken }, 'ConcurrentModificationException', /CANCEL_COMPLETE/);
  fails('CancelResourceRequest', { RequestToken: 'nope' }, 'RequestTokenNotFoundException');
  c.close();
});

test('request history is newest first, filterable and pageable', () => {
  const { create, event, status, call, c } = cloud();
  const tokens: string[] = [];
  for (let i = 0; i < 5; i++) tokens.push(create('AWS::EC2::VPC', { CidrBlock: `10.${i}.0.0/16` }).first.RequestToken);
  const vpc = status(tokens[0]).Identifier!;
  const del = event('DeleteResource', { TypeName: 'AWS::EC2::VPC', Identifier: vpc });
  status(del.RequestToken);
  const all: Event[] = [];
  let token: string | undefined;
  do {
    const page = call('ListResourceRequests', { MaxResults: 4, ...(token ? { NextToken: token } : {}) });
    all.push(...(page.ResourceRequestStatusSummaries as Event[]));
    token = page.NextToken as string | undefined;
  } while (token);
  assert.deepEqual(all.map((e) => e.RequestToken), [del.RequestToken, ...tokens.reverse()]);
  const deletes = call('ListResourceRequests', { ResourceRequestStatusFilter: { Operations: ['DELETE'], OperationStatuses: ['SUCCESS'] } });
  assert.deepEqual((deletes.ResourceRequestStatusSummaries as Event[]).map((e) => e.RequestToken), [del.RequestToken]);
  const none = call('ListResourceRequests', { ResourceRequestStatusFilter: { OperationStatuses: ['FAILED'] } });
  assert.deepEqual(none.ResourceRequestStatusSummaries, []);
  assert.deepEqual(call('ListResourceRequests', {}, 'eu-west-1').ResourceRequestStatusSummaries, [], 'history is per region');
  c.close();
});

test('regions are isolated', () => {
  const { create, call, fails, c } = cloud();
  const vpc = create('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }, 'eu-west-1').final.Identifier!;
  fails('GetResource', { TypeName: 'AWS::EC2::VPC', Identifier: vpc }, 'ResourceNotFoundException', undefined, 'us-east-1');
  assert.equal((call('ListResources', { TypeName: 'AWS::EC2::VPC' }, 'us-east-1').ResourceDescriptions as unknown[]).length, 0);
  assert.equal((call('ListResources', { TypeName: 'AWS::EC2::VPC' }, 'eu-west-1').ResourceDescriptions as unknown[]).length, 1);
  c.close();
});

test('desired state is validated against the type schema', () => {
  const { fails, call, c } = cloud();
  const bad = (desired: unknown) => ({ TypeName: 'AWS::ApiGatewayV2::Integration', DesiredState: typeof desired === 'string' ? desired : JSON.stringify(desired) });
  fails('CreateResource', bad({ IntegrationType: 'MOCK' }), 'ValidationException', /^Model validation failed \(#: required key \[ApiId\] not found\)$/);
  fails('CreateResource', bad({ ApiId: 'a', IntegrationType: 'MOCK', Bogus: 1 }), 'ValidationException', /extraneous key \[Bogus\] is not permitted/);
  fails('CreateResource', bad({ ApiId: 'a', IntegrationType: 'MOCK', TimeoutInMillis: '30' }), 'ValidationException', /#\/TimeoutInMillis: expected type: Integer, found: String/);
  fails('CreateResource', bad({ ApiId: 'a', IntegrationType: 'MOCK', IntegrationId: 'x' }), 'InvalidRequestException', /\/properties\/IntegrationId/);
  fails('CreateResource', bad('[1]'), 'ValidationException', /expected type: JSONObject/);
  fails('CreateResource', bad('{'), 'ValidationException', /not valid JSON/);
  fails('CreateResource', { TypeName: 'AWS::Nope::Thing', DesiredState: '{}' }, 'TypeNotFoundException');
  assert.deepEqual(call('ListResourceRequests', {}).ResourceRequestStatusSummaries, [], 'refused requests leave no trace');
  c.close();
});

test('--fail-rate ends operations FAILED with a handler error code and changes nothing', () => {
  const { create, call, c } = cloud({ failRate: 1 });
  const { final } = create('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
  assert.equal(final.OperationStatus, 'FAILED');
  assert.ok(['ServiceInternalError', 'NetworkFailure', 'InternalFailure', 'Throttling'].includes(final.ErrorCode!));
  assert.match(final.StatusMessage!, /injected/);
  assert.equal((call('ListResources', { TypeName: 'AWS::EC2::VPC' }).ResourceDescriptions as unknown[]).length, 0);
  c.close();
});

test('operations accepted before a restart finish after it', () => {
  const store = new StateStore(':memory:');
  const a = new LocalCloud(store, { opDelayMs: 50 });
  const e = JSON.parse(a.handle('CreateResource', 'us-east-1', { TypeName: 'AWS::EC2::VPC', DesiredState: '{"CidrBlock":"10.0.0.0/16"}' })).ProgressEvent;
  a.close();
  const b = new LocalCloud(store, { opDelayMs: 50 });
  b.settle(Date.now() + 100);
  assert.equal(store.getRequest('us-east-1', e.RequestToken)!.status, 'SUCCESS');
  b.close();
});

test('EC2 rules run when operations complete: references must exist, instances take their subnet’s placement, a VPC in use is not deleted', () => {
  const { create, event, status, call, c } = cloud();
  const id = (type: string, desired: Json) => {
    const r = create(type, desired).final;
    assert.equal(r.OperationStatus, 'SUCCESS', `${type}: ${r.ErrorCode} ${r.StatusMessage}`);
    return r.Identifier!;
  };
  const props = (type: string, identifier: string) =>
    JSON.parse((call('GetResource', { TypeName: type, Identifier: identifier }).ResourceDescription as Json).Properties as string) as Json;
  const count = (type: string) => (call('ListResources', { TypeName: type }).ResourceDescriptions as unknown[]).length;

  const orphan = create('AWS::EC2::Subnet', { VpcId: 'vpc-123', CidrBlock: '10.0.1.0/24' }).final;
  assert.equal(orphan.OperationStatus, 'FAILED');
  assert.equal(orphan.ErrorCode, 'NotFound');
  assert.match(orphan.StatusMessage!, /^The vpc ID 'vpc-123' does not exist \(Service: AmazonEC2; Status Code: 400; Error Code: InvalidVpcID\.NotFound; Request ID: /);
  assert.equal(count('AWS::EC2::Subnet'), 0);

  const vpc = id('AWS::EC2::VPC', { CidrBlock: '10.2.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
  const subnet = id('AWS::EC2::Subnet', { VpcId: vpc, CidrBlock: '10.2.1.0/24', MapPublicIpOnLaunch: true });
  assert.equal(props('AWS::EC2::Subnet', subnet).AvailabilityZone, 'us-east-1a');
  const igw = id('AWS::EC2::InternetGateway', {});
  const attachment = id('AWS::EC2::VPCGatewayAttachment', { VpcId: vpc, InternetGatewayId: igw });
  const sg = id('AWS::EC2::SecurityGroup', { GroupDescription: 'web', VpcId: vpc });
  const instance = id('AWS::EC2::Instance', { ImageId: 'ami-1', InstanceType: 't2.micro', SubnetId: subnet, SecurityGroupIds: [sg] });
  const i = props('AWS::EC2::Instance', instance);
  assert.equal(i.VpcId, vpc);
  assert.equal(i.AvailabilityZone, 'us-east-1a');
  assert.equal(i.PrivateIpAddress, '10.2.1.4');
  assert.match(String(i.PublicDnsName), /^ec2-\d+-\d+-\d+-\d+\.compute-1\.amazonaws\.com$/);

  const badGroup = event('UpdateResource', {
    TypeName: 'AWS::EC2::Instance',
    Identifier: instance,
    PatchDocument: JSON.stringify([{ op: 'add', path: '/SecurityGroupIds/-', value: 'sg-0nothere' }]),
  });
  const badDone = status(badGroup.RequestToken);
  assert.equal(badDone.ErrorCode, 'NotFound');
  assert.match(badDone.StatusMessage!, /^The security group 'sg-0nothere' does not exist/);
  assert.deepEqual(props('AWS::EC2::Instance', instance).SecurityGroupIds, [sg], 'a failed update changes nothing');

  const refused = (type: string, identifier: string) => {
    const done = status(event('DeleteResource', { TypeName: type, Identifier: identifier }).RequestToken);
    assert.equal(done.OperationStatus, 'FAILED', `${type} ${identifier}`);
    assert.equal(done.ErrorCode, 'GeneralServiceException');
    assert.match(done.StatusMessage!, /Error Code: DependencyViolation;/);
    return done.StatusMessage!;
  };
  assert.match(refused('AWS::EC2::VPC', vpc), new RegExp(`^The vpc '${vpc}' has dependencies and cannot be deleted\\.`));
  assert.match(refused('AWS::EC2::Subnet', subnet), /^The subnet '.*' has dependencies/);
  assert.match(refused('AWS::EC2::SecurityGroup', sg), /^resource sg-\w+ has a dependent object/);
  assert.match(refused('AWS::EC2::InternetGateway', igw), /^The internetGateway '.*' has dependencies/);
  for (const t of ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::InternetGateway', 'AWS::EC2::VPCGatewayAttachment', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Instance']) {
    // The VPC's default security group is there too (ec2-rules.ts, companions).
    assert.equal(count(t), t === 'AWS::EC2::SecurityGroup' ? 2 : 1, `${t} is still there`);
  }

  // In dependency order, everything goes.
  for (const [t, identifier] of [
    ['AWS::EC2::Instance', instance],
    ['AWS::EC2::SecurityGroup', sg],
    ['AWS::EC2::VPCGatewayAttachment', attachment],
    ['AWS::EC2::InternetGateway', igw],
    ['AWS::EC2::Subnet', subnet],
    ['AWS::EC2::VPC', vpc],
  ]) {
    const done = status(event('DeleteResource', { TypeName: t, Identifier: identifier }).RequestToken);
    assert.equal(done.OperationStatus, 'SUCCESS', `${t}: ${done.StatusMessage}`);
  }
  assert.equal(count('AWS::EC2::SecurityGroup'), 0, 'the default security group went with its VPC');
  c.close();
});

test('an Elastic IP is an IPv4 address with an eipalloc- allocation id', () => {
  const { create, call, c } = cloud();
  const eip = create('AWS::EC2::EIP', { Domain: 'vpc' }).final;
  assert.equal(eip.OperationStatus, 'SUCCESS');
  const got = call('GetResource', { TypeName: 'AWS::EC2::EIP', Identifier: eip.Identifier });
  const m = JSON.parse((got.ResourceDescription as Json).Properties as string) as Json;
  assert.match(String(m.PublicIp), /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
  assert.match(String(m.AllocationId), /^eipalloc-[0-9a-f]{17}$/);
  assert.equal(eip.Identifier, `${m.PublicIp}|${m.AllocationId}`);
  c.close();
});

test('patch paths without a leading slash name the same pointer (Cloud Control User Guide, update example)', () => {
  assert.deepEqual(withLeadingSlashes([{ op: 'replace', path: 'RetentionInDays', value: 180 }, { op: 'move', from: 'A', path: '/B' }, { op: 'add', path: '', value: {} }]), [
    { op: 'replace', path: '/RetentionInDays', value: 180 },
    { op: 'move', from: '/A', path: '/B' },
    { op: 'add', path: '', value: {} },
  ]);
  assert.equal(withLeadingSlashes('not a list'), 'not a list');
});

test('DeleteResource of an unknown identifier is accepted, then FAILED NotFound (terraform-provider-awscc treats it as deleted)', () => {
  const { event, status, c } = cloud();
  const e = event('DeleteResource', { TypeName: 'AWS::EC2::VPC', Identifier: 'vpc-0000' });
  assert.equal(e.OperationStatus, 'IN_PROGRESS');
  const s = status(e.RequestToken);
  assert.equal(s.OperationStatus, 'FAILED');
  assert.equal(s.ErrorCode, 'NotFound');
  c.close();
});

test('GetResource drops write-only values a state file written before may still hold', () => {
  const { store, call, c } = cloud();
  store.insertResource({
    region: 'us-east-1',
    typeName: 'AWS::Lambda::Function',
    identifier: 'old-fn',
    properties: JSON.stringify({ FunctionName: 'old-fn', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' } }),
    idProperties: '{"FunctionName":"old-fn"}',
  });
  const got = call('GetResource', { TypeName: 'AWS::Lambda::Function', Identifier: 'old-fn' });
  assert.deepEqual(JSON.parse((got.ResourceDescription as Json).Properties as string), { FunctionName: 'old-fn', Role: 'arn:aws:iam::123456789012:role/r' });
  c.close();
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EC2_RULES } from './ec2-rules.js';
import { deleteRefusal, fill, idsIn, missingReference, SERVICE_RULES } from './resource-rules.js';
import type { Model, World } from './resource-rules.js';
import { TypeRegistry } from './resource-type.js';

const types = new TypeRegistry();

/** A world of the given resources: [type, identifier, properties]. */
function world(resources: [string, string, Model][]): World {
  return {
    region: 'us-east-1',
    get: (t, id) => resources.find(([rt, rid]) => rt === t && rid === id)?.[2],
    referrers: (t, p, v) =>
      resources.filter(([rt, , props]) => rt === t && idsIn(props[p]).includes(v)).map(([, identifier, properties]) => ({ identifier, properties })),
  };
}

/** An id as the property holds it: alone, or in a list where the schema has one. */
const holding = (type: string, property: string, id: string) => (types.get(type).properties.get(property)?.type === 'array' ? [id] : id);

/** A resource that satisfies a reference target with the id. */
function targetFor(target: string | { type: string; property: string }, id: string): [string, string, Model] {
  return typeof target === 'string' ? [target, id, {}] : [target.type, 'owner-1', { [target.property]: id }];
}

test('every rule names types and properties the registry schemas have', () => {
  for (const service of SERVICE_RULES) {
    for (const r of service.references) {
      assert.ok(types.get(r.type).properties.has(r.property), `${r.type}.${r.property}`);
      for (const t of r.targets) {
        if (typeof t === 'string') types.get(t);
        else assert.ok(types.get(t.type).properties.has(t.property), `${t.type}.${t.property}`);
      }
      assert.equal(service.handlerCodes[r.code], 'NotFound', `${r.code} is a NotFound`);
      assert.match(r.message, /\{id\}/);
    }
    for (const d of service.dependencies) {
      types.get(d.type);
      assert.ok(types.get(d.dependent).properties.has(d.property), `${d.dependent}.${d.property}`);
      assert.ok(service.refusals[d.type], `${d.type} has the service's refusal message`);
    }
  }
});

test('each reference rule: a create naming nothing fails NotFound in EC2 words; naming a resource passes', () => {
  for (const rule of EC2_RULES.references) {
    const model = { [rule.property]: holding(rule.type, rule.property, 'x-1') };
    const f = missingReference(rule.type, model, world([]));
    assert.ok(f, `${rule.type}.${rule.property} with nothing named`);
    assert.equal(f.errorCode, 'NotFound');
    assert.equal(f.serviceCode, rule.code);
    assert.ok(f.message.startsWith(fill(rule.message, 'x-1') + ' (Service: AmazonEC2; Status Code: 400; Error Code: ' + rule.code + '; Request ID: '), f.message);
    for (const target of rule.targets) {
      assert.equal(missingReference(rule.type, model, world([targetFor(target, 'x-1')])), undefined, `${rule.type}.${rule.property} naming ${JSON.stringify(target)}`);
    }
  }
});

test('the wording of the references the vpc-ec2 stack uses', () => {
  const msg = (type: string, model: Model) => missingReference(type, model, world([]))?.message.replace(/ \(Service: .*$/, '');
  assert.equal(msg('AWS::EC2::Subnet', { VpcId: 'vpc-123', CidrBlock: '10.0.0.0/24' }), "The vpc ID 'vpc-123' does not exist");
  assert.equal(msg('AWS::EC2::Route', { RouteTableId: 'rtb-1', GatewayId: 'igw-1' }), "The routeTable ID 'rtb-1' does not exist");
  assert.equal(msg('AWS::EC2::VPCGatewayAttachment', { InternetGatewayId: 'igw-1', VpcId: 'vpc-1' }), "The vpc ID 'vpc-1' does not exist");
  assert.equal(msg('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: 'subnet-1', RouteTableId: 'rtb-1' }), "The subnet ID 'subnet-1' does not exist");
  assert.equal(msg('AWS::EC2::Instance', { SubnetId: 'subnet-1' }), "The subnet ID 'subnet-1' does not exist");
  const w = world([['AWS::EC2::Subnet', 'subnet-1', {}], ['AWS::EC2::SecurityGroup', 'sg-1', {}]]);
  const f = missingReference('AWS::EC2::Instance', { SubnetId: 'subnet-1', SecurityGroupIds: ['sg-1', 'sg-2'] }, w);
  assert.match(f!.message, /^The security group 'sg-2' does not exist/, 'each member of a list is checked');
  const g = missingReference('AWS::EC2::Route', { RouteTableId: 'rtb-1', GatewayId: 'local' }, world([['AWS::EC2::RouteTable', 'rtb-1', {}]]));
  assert.match(g!.message, /^The gateway ID 'local' does not exist/);
  assert.equal(missingReference('AWS::S3::Bucket', { VpcId: 'vpc-1' }, world([])), undefined, 'types without rules pass');
});

test('an update is checked only for the references it changes', () => {
  const w = world([['AWS::EC2::SecurityGroup', 'sg-1', {}]]);
  const before = { SubnetId: 'subnet-gone', SecurityGroupIds: ['sg-1'] };
  assert.equal(missingReference('AWS::EC2::Instance', { ...before, InstanceType: 't3.micro' }, w, before), undefined);
  const f = missingReference('AWS::EC2::Instance', { ...before, SecurityGroupIds: ['sg-1', 'sg-9'] }, w, before);
  assert.match(f!.message, /'sg-9'/);
});

test('each dependency rule: a delete while a dependent names the resource fails DependencyViolation', () => {
  for (const rule of EC2_RULES.dependencies) {
    const value = holding(rule.dependent, rule.property, 'x-1');
    const f = deleteRefusal(rule.type, 'x-1', world([[rule.dependent, 'dep-1', { [rule.property]: value }]]));
    assert.ok(f, `${rule.type} <- ${rule.dependent}.${rule.property}`);
    assert.equal(f.errorCode, 'GeneralServiceException');
    assert.equal(f.serviceCode, 'DependencyViolation');
    assert.deepEqual(f.dependents, [{ type: rule.dependent, identifier: 'dep-1', property: rule.property }]);
    assert.ok(f.message.startsWith(fill(EC2_RULES.refusals[rule.type].message, 'x-1') + ' (Service: AmazonEC2; Status Code: 400; Error Code: DependencyViolation;'), f.message);
    assert.equal(deleteRefusal(rule.type, 'x-1', world([[rule.dependent, 'dep-1', { [rule.property]: 'x-2' }]])), undefined, 'another resource’s dependent does not block');
  }
});

test('a VPC with the vpc-ec2 stack in it names every kind of dependent; emptied, it can go', () => {
  const stack: [string, string, Model][] = [
    ['AWS::EC2::Subnet', 'subnet-1', { VpcId: 'vpc-1' }],
    ['AWS::EC2::VPCGatewayAttachment', 'IGW|vpc-1', { VpcId: 'vpc-1', InternetGatewayId: 'igw-1' }],
    ['AWS::EC2::RouteTable', 'rtb-1', { VpcId: 'vpc-1' }],
    ['AWS::EC2::SecurityGroup', 'sg-1', { VpcId: 'vpc-1' }],
    ['AWS::EC2::Instance', 'i-1', { VpcId: 'vpc-1', SubnetId: 'subnet-1', SecurityGroupIds: ['sg-1'] }],
    ['AWS::EC2::SubnetRouteTableAssociation', 'rtbassoc-1', { SubnetId: 'subnet-1', RouteTableId: 'rtb-1' }],
  ];
  const f = deleteRefusal('AWS::EC2::VPC', 'vpc-1', world(stack))!;
  assert.match(f.message, /^The vpc 'vpc-1' has dependencies and cannot be deleted\. /);
  assert.deepEqual(f.dependents.map((d) => d.identifier).sort(), ['IGW|vpc-1', 'i-1', 'rtb-1', 'sg-1', 'subnet-1']);
  assert.match(deleteRefusal('AWS::EC2::Subnet', 'subnet-1', world(stack))!.message, /^The subnet 'subnet-1' has dependencies/);
  assert.match(deleteRefusal('AWS::EC2::InternetGateway', 'igw-1', world(stack))!.message, /^The internetGateway 'igw-1' has dependencies/);
  assert.match(deleteRefusal('AWS::EC2::RouteTable', 'rtb-1', world(stack))!.message, /^The routeTable 'rtb-1' has dependencies/);
  assert.match(deleteRefusal('AWS::EC2::SecurityGroup', 'sg-1', world(stack))!.message, /^resource sg-1 has a dependent object /);
  assert.equal(deleteRefusal('AWS::EC2::VPC', 'vpc-1', world([])), undefined);
  assert.equal(deleteRefusal('AWS::EC2::Instance', 'i-1', world(stack)), undefined, 'nothing depends on an instance');
});

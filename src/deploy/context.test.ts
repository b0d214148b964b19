import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StackContext } from './context.js';
import { parseManifest } from './manifest.js';

const MANIFEST = `name: ctx
providers: [aws]
globals:
  - name: region
    value: "{{ AWS_REGION }}"
  - name: global_tags
    value:
      - Key: stackql:resource-name
        Value: "{{ resource_name }}"
  - name: count
    value: 3
resources:
  - name: first
    props:
      - name: tags
        value:
          - Key: Name
            Value: "{{ stack_name }}-{{ stack_env }}"
        merge: [global_tags]
      - name: settings
        value: { a: 1, b: "{{ region }}" }
      - name: more
        value: { b: 2 }
        merge: [settings]
      - name: whole
        value: "{{ tags }}"
  - name: second
    props:
      - name: cidr
        values:
          dev: { value: 10.0.0.0/16 }
`;

test('globals in order from the environment (v2: those naming resource_name per resource); props see what is above them', () => {
  const m = parseManifest(MANIFEST, 'stackql_manifest.yml', '.');
  const ctx = new StackContext(m, 'dev', { AWS_REGION: 'eu-west-1' });
  const first = ctx.forResource(m.resources[0]);
  assert.equal(first.region, 'eu-west-1');
  assert.equal(first.count, 3);
  assert.equal(first.AWS_REGION, undefined, 'the environment is for globals only');
  assert.deepEqual(first.tags, [
    { Key: 'Name', Value: 'ctx-dev' },
    { Key: 'stackql:resource-name', Value: 'first' },
  ]);
  assert.deepEqual(first.settings, { a: 1, b: 'eu-west-1' });
  assert.deepEqual(first.more, { b: 'eu-west-1', a: 1 }, "the merged object's keys win, as in stackql-deploy v1 and v2");
  assert.deepEqual(first.whole, first.tags, 'a template rendering a list is that list again');
  const second = ctx.forResource(m.resources[1]);
  assert.deepEqual(second.global_tags, [{ Key: 'stackql:resource-name', Value: 'second' }]);
  assert.equal(second.cidr, '10.0.0.0/16');
});

test('exports: unscoped last writer wins, resource-scoped first writer wins, this is the resource\'s own', () => {
  const m = parseManifest(MANIFEST, 'stackql_manifest.yml', '.');
  const ctx = new StackContext(m, 'dev', { AWS_REGION: 'eu-west-1' });
  ctx.setExports('first', { vpc_id: 'vpc-1' });
  ctx.setExports('first', { vpc_id: 'vpc-2' });
  ctx.setFields('second', { subnet_id: 'subnet-9' });
  const second = ctx.forResource(m.resources[1]);
  assert.equal(second.vpc_id, 'vpc-2');
  assert.deepEqual(second.first, { vpc_id: 'vpc-1' });
  assert.deepEqual(second.this, { subnet_id: 'subnet-9' });
  ctx.setExports('second', { vpc_id: '<unknown>' }, true);
  assert.equal(ctx.allExports().vpc_id, 'vpc-2', 'a placeholder never replaces a known value');
});

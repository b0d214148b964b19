import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namesRead, owedBy, templateNames } from './dependencies.js';
import type { ResourceSpec } from './manifest.js';

test('the names a template reads: not strings, filters, own fields (this.x) or keywords', () => {
  const cases: [string, string[]][] = [
    ["WHERE api_id = '{{ api_id }}' AND region = '{{ region }}'", ['api_id', 'region']],
    ["'{{ this.api_id }}' {{ api.api_endpoint }}", ['api']],
    [`{{ { "Description": api_description, "Tags": api_tags } | generate_patch_document }}`, ['api_description', 'api_tags']],
    ["{% for s in subnets if s != 'x' %}{{ s | upper }}{% endfor %}", ['s', 'subnets']],
    ["{{ 'api_id' }} -- {{ none }}", []],
    ['no template here: api_id', []],
  ];
  for (const [text, want] of cases) assert.deepEqual([...templateNames(text)], want, text);
});

test('props are followed to what they read, for the environment; owed names map to their resources', () => {
  const res = {
    name: 'route',
    props: [
      { name: 'route_target', value: 'integrations/{{ orders_integration_id }}', line: 1, valueLine: 1, field: 'p' },
      { name: 'size', values: { dev: { value: '{{ dev_size }}', line: 2 }, prd: { value: '{{ prd_size }}', line: 3 } }, line: 2, valueLine: 2, field: 'p' },
    ],
  } as unknown as ResourceSpec;
  const names = namesRead(res, 'dev', ["SELECT '{{ api_id }}', '{{ route_target }}', {{ size }}"]);
  assert.deepEqual([...names], ['api_id', 'orders_integration_id', 'dev_size']);
  const owed = new Map([
    ['api_id', 'api'],
    ['api_endpoint', 'api'],
    ['orders_integration_id', 'orders_integration'],
  ]);
  assert.deepEqual([...owedBy(names, owed)], [
    ['api', ['api_id']],
    ['orders_integration', ['orders_integration_id']],
  ]);
  assert.deepEqual([...owedBy(new Set(['api', 'region']), owed)], [['api', ['api']]]);
});

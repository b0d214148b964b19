import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildShapes, type SpecTypeDefinition } from './shape-build.js';

test('nested types are followed once, recursion included', () => {
  const defs: Record<string, SpecTypeDefinition> = {
    '1': { name: 'Rule', properties: { Name: { type: { type: 'string' }, required: true }, Children: { type: { type: 'array', element: { type: 'ref', reference: { $ref: '1' } } } } } },
  };
  const shapes = buildShapes(
    {
      Rules: { type: { type: 'array', element: { type: 'ref', reference: { $ref: '1' } } } },
      Tags: { type: { type: 'array', element: { type: 'tag' } } },
      Size: { type: { type: 'integer' } },
      Policy: { type: { type: 'union', types: [{ type: 'json' }, { type: 'string' }] } },
      Labels: { type: { type: 'map', element: { type: 'string' } } },
    },
    (id) => defs[id],
  );
  assert.deepEqual(shapes.root, { p: { Rules: { a: { r: '1' } }, Tags: { a: 't' }, Size: 'i', Policy: { u: ['j', 's'] }, Labels: { m: 's' } } });
  assert.deepEqual(shapes.types, { '1': { n: 'Rule', p: { Name: 's', Children: { a: { r: '1' } } }, q: ['Name'] } });
});

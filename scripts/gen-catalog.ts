// Generates catalog/aws/ from the CloudFormation resource specification: an index of
// services and one JSON file per service, so a statement loads only what it names.
// Run by `npm run build`; the output is never edited by hand.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { buildCatalog, resourceRequestsTable, type SpecResource } from '../src/providers/aws/catalog-build.js';
import type { CatalogIndex, ResourceDef } from '../src/providers/catalog-types.js';
import { buildShapes, type SpecTypeDefinition, type SpecTypeRef } from '../src/providers/aws/shape-build.js';
import type { TypeShapes } from '../src/providers/shape-types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'catalog', 'aws');
// Nested shapes for the local cloud's validation, apart so the engine never loads them.
const shapesDir = join(root, 'catalog', 'aws-shapes');
const require = createRequire(import.meta.url);
const specVersion = (JSON.parse(readFileSync(require.resolve('@aws-cdk/aws-service-spec/package.json'), 'utf8')) as {
  version: string;
}).version;

const db = loadAwsServiceSpecSync();
const spec = db.all('resource') as unknown as SpecResource[];
// Cloud Control's request history is a table too, beside the resource types.
const defs = [...buildCatalog(spec), resourceRequestsTable()];

const byService = new Map<string, ResourceDef[]>();
for (const d of defs) byService.set(d.service, [...(byService.get(d.service) ?? []), d]);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
rmSync(shapesDir, { recursive: true, force: true });
mkdirSync(shapesDir, { recursive: true });
const specByType = new Map(spec.map((r) => [r.cloudFormationType, r]));
const lookup = (id: string) => {
  try {
    return db.get('typeDefinition', id) as unknown as SpecTypeDefinition;
  } catch {
    return undefined;
  }
};
const index: CatalogIndex = { provider: 'aws', specVersion, services: [] };
for (const [service, resources] of [...byService].sort(([a], [b]) => a.localeCompare(b))) {
  writeFileSync(join(outDir, `${service}.json`), JSON.stringify(resources));
  const shapes: Record<string, TypeShapes> = {};
  for (const r of resources) {
    const specResource = specByType.get(r.cfnType);
    if (r.tagsOf || !specResource) continue;
    const props = specResource.properties as unknown as Record<string, { type: SpecTypeRef; required?: boolean }>;
    shapes[r.cfnType] = buildShapes(props, lookup);
  }
  writeFileSync(join(shapesDir, `${service}.json`), JSON.stringify(shapes));
  index.services.push({
    name: service,
    namespace: resources[0].cfnType.split('::').slice(0, 2).join('::'),
    resources: resources.map((r) => r.name),
  });
}
writeFileSync(join(outDir, 'index.json'), JSON.stringify(index));
console.log(`catalog: ${defs.length} tables in ${index.services.length} services (spec ${specVersion}) → catalog/aws`);

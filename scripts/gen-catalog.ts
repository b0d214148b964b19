// Generates catalog/ from AWS's CloudFormation registry schemas (vendor/cfn-registry-schemas.tar.gz)
// merged with the CloudFormation resource specification (@aws-cdk/aws-service-spec):
//   catalog/aws/          an index of services and one JSON file per service (the engine's catalog)
//   catalog/aws-shapes/   nested value shapes per service (the local cloud)
//   catalog/aws-schemas/  the registry schema of every type that has one, per service (the local cloud)
// Run by `npm run build`; the output is never edited by hand. It is built in a folder beside
// catalog/ and swapped in with renames, so a reader never sees it half written. The counts
// in README.md are rewritten from what was built. A build whose inputs are those of the
// catalog there (the archive, the spec's version, this script and the compiled provider
// code: catalog/.inputs-sha256) is skipped; --force builds anyway.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { buildCatalog, resourceRequestsTable, type SpecResource } from '../src/providers/aws/catalog-build.js';
import { readTarGz } from '../src/providers/aws/registry-archive.js';
import { compactSchema, type RegistrySchema } from '../src/providers/aws/registry-schema.js';
import { buildShapes, type SpecTypeDefinition, type SpecTypeRef } from '../src/providers/aws/shape-build.js';
import { catalogCounts, updateReadmeCounts } from '../src/providers/aws/catalog-counts.js';
import type { CatalogIndex, ResourceDef } from '../src/providers/catalog-types.js';
import type { TypeShapes } from '../src/providers/shape-types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const catalogDir = join(root, 'catalog');
const archive = join(root, 'vendor', 'cfn-registry-schemas.tar.gz');
const require = createRequire(import.meta.url);
const specVersion = (JSON.parse(readFileSync(require.resolve('@aws-cdk/aws-service-spec/package.json'), 'utf8')) as {
  version: string;
}).version;

// The registry schemas, keyed by their own typeName (file names differ between copies).
const archiveBytes = readFileSync(archive);

// Everything the catalog is made from. The provider code is taken whole (a superset of
// what the build imports), compiled, as it runs.
const inputsFile = join(catalogDir, '.inputs-sha256');
const inputs = createHash('sha256').update(archiveBytes).update(`\0spec ${specVersion}\0`);
const providersDist = join(root, 'dist', 'src', 'providers');
for (const f of [fileURLToPath(import.meta.url), ...(readdirSync(providersDist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js')).sort().map((f) => join(providersDist, f))]) {
  inputs.update(`\0${relative(root, f)}\0`).update(readFileSync(f));
}
const inputsSha = inputs.digest('hex');
if (!process.argv.includes('--force') && existsSync(join(catalogDir, 'aws', 'index.json')) && existsSync(inputsFile) && readFileSync(inputsFile, 'utf8').trim() === inputsSha) {
  const c = (JSON.parse(readFileSync(join(catalogDir, 'aws', 'index.json'), 'utf8')) as CatalogIndex).counts!;
  console.log(`catalog: up to date (inputs unchanged: ${c.types} resource types, ${c.tables} tables) → catalog/`);
  const readme = join(root, 'README.md');
  if (existsSync(readme) && updateReadmeCounts(readme, c)) console.log('catalog: README.md counts updated');
  process.exit(0);
}

const registry = new Map<string, RegistrySchema>();
for (const [path, data] of readTarGz(archive)) {
  if (!path.endsWith('.json')) continue;
  const schema = JSON.parse(data.toString('utf8')) as RegistrySchema;
  if (typeof schema.typeName !== 'string') throw new Error(`${path} in ${archive} has no typeName`);
  registry.set(schema.typeName, schema);
}

const db = loadAwsServiceSpecSync();
const spec = db.all('resource') as unknown as SpecResource[];
// Cloud Control's request history is a table too, beside the resource types.
const defs = [...buildCatalog(spec, registry), resourceRequestsTable()];

const byService = new Map<string, ResourceDef[]>();
for (const d of defs) byService.set(d.service, [...(byService.get(d.service) ?? []), d]);

// Leftovers of a build that died half way: this build's own folder names are new.
for (const name of readdirSync(root)) {
  if (/^catalog\.(next|old)-\d+$/.test(name) && !isRunning(Number(name.split('-')[1]))) {
    rmSync(join(root, name), { recursive: true, force: true });
  }
}
const next = join(root, `catalog.next-${process.pid}`);
const outDir = join(next, 'aws');
// Nested shapes and registry schemas for the local cloud, apart so the engine never loads them.
const shapesDir = join(next, 'aws-shapes');
const schemasDir = join(next, 'aws-schemas');
rmSync(next, { recursive: true, force: true });
for (const d of [outDir, shapesDir, schemasDir]) mkdirSync(d, { recursive: true });

const specByType = new Map(spec.map((r) => [r.cloudFormationType, r]));
const lookup = (id: string) => {
  try {
    return db.get('typeDefinition', id) as unknown as SpecTypeDefinition;
  } catch {
    return undefined;
  }
};
const index: CatalogIndex = {
  provider: 'aws',
  specVersion,
  registry: {
    archive: relative(root, archive),
    sha256: createHash('sha256').update(archiveBytes).digest('hex'),
    schemas: registry.size,
  },
  services: [],
};
for (const [service, resources] of [...byService].sort(([a], [b]) => a.localeCompare(b))) {
  writeFileSync(join(outDir, `${service}.json`), JSON.stringify(resources));
  const shapes: Record<string, TypeShapes> = {};
  const schemas: Record<string, RegistrySchema> = {};
  for (const r of resources) {
    if (r.tagsOf) continue;
    const specResource = specByType.get(r.cfnType);
    if (specResource) {
      const props = specResource.properties as unknown as Record<string, { type: SpecTypeRef; required?: boolean }>;
      shapes[r.cfnType] = buildShapes(props, lookup);
    }
    const schema = registry.get(r.cfnType);
    if (schema) schemas[r.cfnType] = compactSchema(schema);
  }
  writeFileSync(join(shapesDir, `${service}.json`), JSON.stringify(shapes));
  if (Object.keys(schemas).length > 0) writeFileSync(join(schemasDir, `${service}.json`), JSON.stringify(schemas));
  index.services.push({
    name: service,
    namespace: resources[0].cfnType.split('::').slice(0, 2).join('::'),
    resources: resources.map((r) => r.name),
  });
}
index.counts = catalogCounts(defs, index.services.length);
writeFileSync(join(outDir, 'index.json'), JSON.stringify(index));
writeFileSync(join(next, '.inputs-sha256'), `${inputsSha}\n`);

// The swap: the old catalog moves aside and the new one takes its name, two renames apart.
const old = join(root, `catalog.old-${process.pid}`);
if (existsSync(catalogDir)) renameSync(catalogDir, old);
renameSync(next, catalogDir);
rmSync(old, { recursive: true, force: true });

const c = index.counts;
console.log(
  `catalog: ${c.types} resource types (${c.provisionable} provisionable through Cloud Control, ${c.notProvisionable} not), ` +
    `${c.tagViews} tag views, ${c.tables} tables in ${c.services} services ` +
    `(registry ${registry.size} schemas, spec ${specVersion}) → catalog/`,
);
const readme = join(root, 'README.md');
if (existsSync(readme) && updateReadmeCounts(readme, c)) console.log('catalog: README.md counts updated');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

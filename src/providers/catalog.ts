// The runtime catalog: reads the generated catalog/<provider>/ files lazily, one
// service at a time, so a statement pays only for the services it names.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanError } from '../errors.js';
import { closest, didYouMean } from '../util/closest.js';
import type { CatalogIndex, ResourceDef, ServiceIndexEntry } from './catalog-types.js';
import type { TypeShapes } from './shape-types.js';
import type { RegistrySchema } from './aws/registry-schema.js';
import { cloudControlTables } from './cloud-control-tables.js';
import { hasListOnlyView, listOnlyDef } from './list-only.js';

// `awscc` is StackQL's name for the Cloud Control provider: the same tables as `aws`, read
// from the same catalog files; the two differ only in what a write's RETURNING gives.
const PROVIDERS = ['aws', 'awscc'];
const CATALOG_DIR: Record<string, string> = { aws: 'aws', awscc: 'aws' };

/**
 * A catalog file's text. gen-catalog swaps a rebuilt catalog in with two renames; a read
 * that falls between them finds nothing for an instant, so a missing file is looked for
 * again a few times before it counts as missing (undefined).
 */
function readCatalogFile(path: string): string | undefined {
  for (let attempt = 0; ; attempt++) {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      // Its folder is there: the file is missing for good (a service with no registry
      // schemas), not caught between the two renames, so no waiting.
      if (attempt === 3 || existsSync(dirname(path))) return undefined;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}

function packageRoot(): string {
  // Works from src/ (tsx) and from dist/src/ (compiled): walk up to package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the skyql package root');
    dir = up;
  }
  return dir;
}

export class Catalog {
  private readonly indexes = new Map<string, CatalogIndex>();
  private readonly services = new Map<string, ResourceDef[]>();
  private readonly shapeFiles = new Map<string, Record<string, TypeShapes>>();
  private readonly schemaFiles = new Map<string, Record<string, RegistrySchema>>();

  constructor(private readonly dir: string = join(packageRoot(), 'catalog')) {}

  providers(): string[] {
    return PROVIDERS;
  }

  index(provider: string): CatalogIndex {
    if (!PROVIDERS.includes(provider)) {
      throw new PlanError(`Unknown provider '${provider}'.${didYouMean(provider, PROVIDERS)} Run SHOW PROVIDERS.`);
    }
    let idx = this.indexes.get(provider);
    if (!idx) {
      const text = readCatalogFile(join(this.dir, CATALOG_DIR[provider], 'index.json'));
      if (text === undefined) throw new PlanError(`The ${provider} catalog is not built: run 'npm run build'.`);
      idx = { ...(JSON.parse(text) as CatalogIndex), provider };
      this.indexes.set(provider, idx);
    }
    return idx;
  }

  service(provider: string, name: string): ServiceIndexEntry {
    const all = this.index(provider).services;
    const svc = all.find((s) => s.name === name.toLowerCase());
    if (!svc) {
      const near = closest(name, all.map((s) => s.name));
      throw new PlanError(
        `Unknown service '${provider}.${name}'.${near ? ` Did you mean '${provider}.${near}'?` : ''} ` +
          `Run SHOW SERVICES IN ${provider} to list them.`,
      );
    }
    return svc;
  }

  resources(provider: string, service: string): ResourceDef[] {
    const svc = this.service(provider, service);
    const key = `${provider}.${svc.name}`;
    let defs = this.services.get(key);
    if (!defs) {
      const file = join(this.dir, CATALOG_DIR[provider], `${svc.name}.json`);
      const text = readCatalogFile(file);
      if (text === undefined) throw new PlanError(`The ${provider} catalog has no ${file}: run 'npm run build'.`);
      const stored = JSON.parse(text) as ResourceDef[];
      const requests = stored.find((d) => d.meta === 'resource_requests');
      const derived = [...stored.filter(hasListOnlyView).map(listOnlyDef), ...(requests ? cloudControlTables(requests) : [])];
      defs = [...stored, ...derived].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.services.set(key, defs);
    }
    return defs;
  }

  resource(provider: string, service: string, name: string): ResourceDef {
    const defs = this.resources(provider, service);
    const def = defs.find((d) => d.name === name.toLowerCase());
    if (!def) {
      const near = closest(name, defs.map((d) => d.name));
      const hint = near ? ` Did you mean '${provider}.${service}.${near}'?` : '';
      throw new PlanError(
        `Unknown resource '${provider}.${service}.${name}'.${hint} Run SHOW RESOURCES IN ${provider}.${service} to list them.`,
      );
    }
    return def;
  }

  /** `aws.apigatewayv2.integrations` → its definition; errors name the closest real table. */
  resolve(dotted: string): ResourceDef {
    const parts = dotted.split('.');
    if (parts.length !== 3) {
      throw new PlanError(`'${dotted}' is not a resource name: write provider.service.resource, e.g. aws.ec2.vpcs.`);
    }
    return this.resource(parts[0], parts[1], parts[2]);
  }

  /** Nested value shapes of an AWS type's properties (the local cloud validates with them). */
  shapes(cfnType: string): TypeShapes | undefined {
    const service = cfnType.split('::')[1]?.toLowerCase() ?? '';
    let file = this.shapeFiles.get(service);
    if (!file) {
      const text = readCatalogFile(join(this.dir, 'aws-shapes', `${service}.json`));
      if (text === undefined) return undefined;
      file = JSON.parse(text) as Record<string, TypeShapes>;
      this.shapeFiles.set(service, file);
    }
    return file[cfnType];
  }

  /**
   * The registry schema of an AWS type, compacted (catalog/aws-schemas/<service>.json), or
   * undefined when the registry data has none. For the local cloud only: the engine never
   * calls it, so statements never pay for reading these files.
   */
  registrySchema(cfnType: string): RegistrySchema | undefined {
    const service = cfnType.split('::')[1]?.toLowerCase() ?? '';
    let file = this.schemaFiles.get(service);
    if (!file) {
      const text = /^[a-z0-9]+$/.test(service) ? readCatalogFile(join(this.dir, 'aws-schemas', `${service}.json`)) : undefined;
      file = text === undefined ? {} : (JSON.parse(text) as Record<string, RegistrySchema>);
      this.schemaFiles.set(service, file);
    }
    return Object.hasOwn(file, cfnType) ? file[cfnType] : undefined;
  }

  /** The table for a CloudFormation type name, e.g. for the local cloud. */
  byCfnType(cfnType: string): ResourceDef | undefined {
    const service = cfnType.split('::')[1]?.toLowerCase();
    if (!service || !this.index('aws').services.some((s) => s.name === service)) return undefined;
    return this.resources('aws', service).find((d) => d.cfnType === cfnType && !d.tagsOf && !d.listOnlyOf);
  }
}

let shared: Catalog | undefined;
/** The catalog this process uses: built once, on first use. */
export function defaultCatalog(): Catalog {
  shared ??= new Catalog();
  return shared;
}

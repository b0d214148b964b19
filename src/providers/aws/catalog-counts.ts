// Build time: what a catalog build holds, counted, and the README's sentence about it
// rewritten from those counts (between <!-- catalog-counts --> and <!-- /catalog-counts -->).
import { readFileSync, writeFileSync } from 'node:fs';
import type { CatalogCounts, ResourceDef } from '../catalog-types.js';

export function catalogCounts(defs: ResourceDef[], services: number): CatalogCounts {
  const types = defs.filter((d) => !d.tagsOf && !d.meta);
  const not = types.filter((d) => d.provisionable === false);
  return {
    types: types.length,
    provisionable: types.length - not.length,
    notProvisionable: not.length,
    // Types with a schema but no handlers carry that schema's handlers-less reason.
    withoutRegistrySchema: not.filter((d) => /has no Cloud Control schema/.test(d.notProvisionable ?? '')).length,
    tagViews: defs.filter((d) => d.tagsOf).length,
    services,
    tables: defs.length,
  };
}

const n = (x: number) => x.toLocaleString('en-US');

/** The README's sentence, from a build's counts. */
export function countsSentence(c: CatalogCounts): string {
  const withHandlersMissing = c.notProvisionable - c.withoutRegistrySchema;
  return (
    `${n(c.types)} resource types in ${n(c.services)} services, ${n(c.provisionable)} of them provisionable through ` +
    `Cloud Control; the other ${n(c.notProvisionable)} (${n(c.withoutRegistrySchema)} with no registry schema, ` +
    `${n(withHandlersMissing)} with a schema but no handlers) are listed and documented but refused by every statement; ` +
    `${n(c.tagViews)} \`<resource>_tags\` views; and \`aws.cloud_control.resource_requests\``
  );
}

const MARKED = /(<!-- catalog-counts -->)[\s\S]*?(<!-- \/catalog-counts -->)/;

/** Rewrites the marked sentence of `path` when the counts changed; true when it wrote. */
export function updateReadmeCounts(path: string, c: CatalogCounts): boolean {
  const text = readFileSync(path, 'utf8');
  if (!MARKED.test(text)) return false;
  const updated = text.replace(MARKED, (_m, open: string, close: string) => `${open}${countsSentence(c)}${close}`);
  if (updated === text) return false;
  writeFileSync(path, updated);
  return true;
}

/** The sentence README.md holds now, for a test that it matches the build. */
export function readmeCountsSentence(path: string): string | undefined {
  const m = /<!-- catalog-counts -->([\s\S]*?)<!-- \/catalog-counts -->/.exec(readFileSync(path, 'utf8'));
  return m?.[1];
}

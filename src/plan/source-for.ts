// The one place that knows which kind of table a name is: every other stage speaks to
// the TableSource it returns.
import type { Catalog } from '../providers/catalog.js';
import type { TableSource } from './table-source.js';
import { AnyTypeSource } from './sources/any-type-source.js';
import { ListOnlySource } from './sources/list-only-source.js';
import { RequestHistorySource } from './sources/request-history-source.js';
import { ResourceSource } from './sources/resource-source.js';
import { TagsSource } from './sources/tags-source.js';

export function sourceFor(catalog: Catalog, provider: string, service: string, resource: string): TableSource {
  const def = catalog.resource(provider, service, resource);
  const name = `${provider.toLowerCase()}.${def.service}.${def.name}`;
  if (def.meta === 'resources') return new AnyTypeSource(name, def, catalog);
  if (def.meta) return new RequestHistorySource(name, def);
  if (def.tagsOf) return new TagsSource(name, def);
  if (def.listOnlyOf) return new ListOnlySource(name, def);
  return new ResourceSource(name, def);
}

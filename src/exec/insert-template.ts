// SHOW INSERT INTO provider.service.resource: StackQL's INSERT template for a resource,
// answered from the catalog, no call. StackQL's shape (internal/stackql/metadatavisitors):
// one row, one column `insert_statement`; the call's other parameters first, then the
// properties CreateResource takes (read-only ones left out), each group sorted by name;
// text values quoted, numbers and booleans not. Two differences, both so that skyql runs
// the template it prints (`skyql exec -i t.iql --iqldata vars.json`): placeholders are
// skyql's Jinja variables (`{{ bucket_name }}`, as the awscc provider's docs write them)
// rather than Go's `{{ .values.x }}`, and there is no `<<<jsonnet … >>>` block (skyql reads
// no jsonnet). Nested objects are one JSON variable each, not expanded field by field.
import type { Catalog } from '../providers/catalog.js';
import type { ColumnDef, ResourceDef } from '../providers/catalog-types.js';
import { snakeCase } from '../providers/aws/naming.js';
import { sourceFor } from '../plan/source-for.js';
import type { MetadataStatement } from '../sql/statement.js';
import { checkInsertColumns } from './desired-state.js';
import { REQUEST_PARAMETERS, requestParameterNamed } from './request-parameters.js';

type ShowInsert = Extract<MetadataStatement, { kind: 'show_insert' }>;

/** One column of the template: its name in the column list and its value in the SELECT. */
interface Item {
  name: string;
  variable: string;
  quoted: boolean;
}

/** Numbers and booleans go unquoted, as StackQL writes them; everything else is text or JSON text. */
function columnItem(c: ColumnDef, name = c.property ?? c.name): Item {
  return { name, variable: c.name, quoted: Boolean(c.types) || !['integer', 'number', 'boolean'].includes(c.type) };
}

const REGION: Item = { name: 'region', variable: 'region', quoted: true };

/** ClientToken, RoleArn, TypeVersionId as this table takes them (data__ where a property has the bare name). */
function requestItems(def: ResourceDef): Item[] {
  return REQUEST_PARAMETERS.map((p) => {
    const name = requestParameterNamed(def, p) === p ? p : `data__${p}`;
    return { name, variable: parameterVariable(name), quoted: true };
  });
}

/** `ClientToken` → client_token, `data__ClientToken` → data__client_token: never a column's variable. */
function parameterVariable(name: string): string {
  const bare = name.replace(/^data__/i, '');
  return (bare === name ? '' : 'data__') + snakeCase(bare);
}

/** StackQL sorts each group by name, byte by byte (Go's sort.Strings). */
function byName(a: Item, b: Item): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function items(stmt: ShowInsert, def: ResourceDef): Item[] {
  if (stmt.columns) {
    // The user's columns, in their order, checked as the INSERT they become would be.
    return checkInsertColumns(def, stmt.columns).map((t, i) =>
      t.kind === 'region'
        ? REGION
        : t.kind === 'request'
          ? { name: stmt.columns![i], variable: parameterVariable(stmt.columns![i]), quoted: true }
          : columnItem(t.column, stmt.columns![i]),
    );
  }
  const writable = def.columns.filter((c) => c.property && !c.readOnly && (!stmt.required || c.required));
  const parameters = [REGION, ...(stmt.extended && !stmt.required ? requestItems(def) : [])].sort(byName);
  return [...parameters, ...writable.map((c) => columnItem(c)).sort(byName)];
}

/** The template's text: `INSERT INTO t(\n  a,\n  b\n)\nSELECT\n  '{{ a }}',\n   {{ b }}\n;`. */
export function insertTemplate(stmt: ShowInsert, catalog: Catalog): string {
  const source = sourceFor(catalog, stmt.provider, stmt.service, stmt.resource);
  // A view, a type without a create handler or one Cloud Control cannot provision: the
  // INSERT the template would become is refused, so the template is too, with that reason.
  source.checkWritable('create');
  const list = items(stmt, source.def);
  return (
    `INSERT INTO ${source.name}(\n` +
    list.map((i) => `  ${i.name}`).join(',\n') +
    '\n)\nSELECT\n' +
    list.map((i) => (i.quoted ? `  '{{ ${i.variable} }}'` : `   {{ ${i.variable} }}`)).join(',\n') +
    '\n;'
  );
}

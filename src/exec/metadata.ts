// SHOW (SHOW INSERT too) and DESCRIBE: answered from the catalog alone, no API calls.
import type { Catalog } from '../providers/catalog.js';
import { columnTypeName, type ColumnDef, type HandlerName, type ResourceDef } from '../providers/catalog-types.js';
import { sourceFor } from '../plan/source-for.js';
import { insertTemplate } from './insert-template.js';
import type { ResultSet } from '../contracts/result-set.js';
import type { MetadataStatement } from '../sql/statement.js';

/** SQL LIKE, case-insensitive as in SQLite: % is any run, _ any one character. */
export function likeMatcher(pattern: string | undefined): (s: string) => boolean {
  if (pattern === undefined) return () => true;
  const re = new RegExp(
    '^' +
      [...pattern].map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('') +
      '$',
    'is',
  );
  return (s) => re.test(s);
}

function result(names: string[], rows: unknown[][]): ResultSet {
  return { columns: names.map((name) => ({ name })), rows };
}

export function runMetadata(stmt: MetadataStatement, catalog: Catalog): ResultSet {
  switch (stmt.kind) {
    case 'show_providers': {
      const like = likeMatcher(stmt.like);
      return result(
        ['name', 'version', 'services'],
        catalog
          .providers()
          .filter(like)
          .map((p) => {
            const idx = catalog.index(p);
            return [p, idx.specVersion, idx.services.length];
          }),
      );
    }
    case 'show_services': {
      const like = likeMatcher(stmt.like);
      const services = catalog.index(stmt.provider).services.filter((s) => like(s.name));
      return result(
        ['name', 'id', 'namespace', 'resources'],
        services.map((s) => [s.name, `${stmt.provider}.${s.name}`, s.namespace, s.resources.length]),
      );
    }
    case 'show_resources': {
      const like = likeMatcher(stmt.like);
      const defs = catalog.resources(stmt.provider, stmt.service).filter((d) => like(d.name));
      const cols = ['name', 'id', 'cloudformation_type', 'provisionable', 'note', ...(stmt.extended ? ['description'] : [])];
      return result(
        cols,
        defs.map((d) => [
          d.name,
          `${stmt.provider}.${d.service}.${d.name}`,
          d.cfnType,
          d.provisionable === false ? 'no' : 'yes',
          resourceNote(d),
          ...(stmt.extended ? [d.description] : []),
        ]),
      );
    }
    case 'show_methods': {
      return result(
        ['name', 'sql_verb', 'required_params'],
        sourceFor(catalog, stmt.provider, stmt.service, stmt.resource).methods().map((m) => [m.name, m.sqlVerb, m.requiredParams.join(', ')]),
      );
    }
    case 'show_insert':
      return result(['insert_statement'], [[insertTemplate(stmt, catalog)]]);
    case 'describe': {
      const def = catalog.resource(stmt.provider, stmt.service, stmt.resource);
      return result(
        ['name', 'type', ...(stmt.extended ? ['flags'] : []), 'note', ...(stmt.extended ? ['description'] : [])],
        def.columns.map((c) => [
          c.name,
          columnTypeName(c),
          ...(stmt.extended ? [columnFlags(c).join(', ')] : []),
          c.writeOnly ? WRITE_ONLY_NOTE : '',
          ...(stmt.extended ? [c.description] : []),
        ]),
      );
    }
  }
}

const WRITE_ONLY_NOTE = 'write-only: Cloud Control never returns it, so SELECT reads NULL';

/** What the registry says of a column: required, read-only, create-only, write-only, deprecated. */
export function columnFlags(c: ColumnDef): string[] {
  return [
    ...(c.required ? ['required'] : []),
    ...(c.readOnly ? ['read-only'] : []),
    ...(c.createOnly ? ['create-only'] : []),
    ...(c.writeOnly ? ['write-only'] : []),
    ...(c.deprecated ? ['deprecated'] : []),
  ];
}

/** Why a table cannot do everything: not provisionable, or the handlers its type lacks. */
function resourceNote(def: ResourceDef): string {
  if (def.provisionable === false) return `not provisionable through Cloud Control: ${def.notProvisionable ?? 'no registry schema'}`;
  if (!def.handlers) return '';
  const wanted: HandlerName[] = def.tagsOf ? ['list', 'read'] : ['create', 'read', 'update', 'delete', 'list'];
  const missing = wanted.filter((h) => !(h in def.handlers!));
  return missing.length ? `no ${missing.join('/')} handler` : '';
}

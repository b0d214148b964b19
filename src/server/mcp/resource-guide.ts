// describe_resource's answer: what an agent needs to write a correct first query on a
// table — its columns, identifier, parent, and example statements that run as written.
import { columnTypeName, type ColumnDef, type ResourceDef } from '../../providers/catalog-types.js';
import { methodsOf, requiredProperties } from '../../providers/methods.js';

function columnInfo(c: ColumnDef): Record<string, unknown> {
  return {
    name: c.name,
    type: columnTypeName(c),
    description: c.description,
    ...(c.type === 'object' || c.type === 'array' ? { json: true } : {}),
    ...(c.readOnly ? { read_only: true } : {}),
    ...(c.createOnly ? { create_only: true } : {}),
    ...(c.required ? { required_to_create: true } : {}),
  };
}

function columnOf(def: ResourceDef, property: string): string {
  return def.columns.find((c) => c.property === property)?.name ?? property;
}

export function resourceGuide(def: ResourceDef, provider: string): Record<string, unknown> {
  const id = `${provider}.${def.service}.${def.name}`;
  const idColumns = def.primaryIdentifier.map((p) => columnOf(def, p));
  const placeholder = def.primaryIdentifier.map((p) => `<${p}>`).join('|');
  const required = def.meta || def.tagsOf ? [] : requiredProperties(def);
  const shown = [...new Set([...(def.tagsOf ? ['tag_key', 'tag_value'] : []), ...idColumns, ...required.map((p) => columnOf(def, p))])];
  const examples: Record<string, string> = {
    list: `SELECT ${shown.join(', ')} FROM ${id} WHERE region = 'us-east-1'`,
  };
  if (def.parent) {
    const parentColumn = columnOf(def, def.parent.property);
    examples.list_one_parent = `SELECT ${shown.join(', ')} FROM ${id} WHERE region = 'us-east-1' AND ${parentColumn} = '<${def.parent.property}>'`;
  }
  examples.get = def.meta
    ? `SELECT * FROM ${id} WHERE region = 'us-east-1' AND data__RequestToken = '<RequestToken>'`
    : `SELECT * FROM ${id} WHERE region = 'us-east-1' AND data__Identifier = '${placeholder}'`;
  if (required.length) {
    examples.insert = `INSERT INTO ${id} (${[...required, 'region'].join(', ')}) VALUES (${required.map((p) => `'<${p}>'`).join(', ')}, 'us-east-1')`;
    examples.delete = `DELETE FROM ${id} WHERE data__Identifier = '${placeholder}' AND region = 'us-east-1'`;
  }
  return {
    table: id,
    cloudformation_type: def.cfnType,
    description: def.description,
    ...(def.tagsOf ? { view: `one row per tag of ${provider}.${def.service}.${def.tagsOf}, with its columns; read only` } : {}),
    region: "required in every WHERE: region = '…' or region IN (…)",
    identifier: def.meta
      ? { get_by: "data__RequestToken = '<RequestToken>'" }
      : {
          columns: idColumns,
          data__Identifier: placeholder,
          note: `data__Identifier = '${placeholder}' (values joined by '|'), or ${idColumns.map((c) => `${c} = '…'`).join(' AND ')}, gets one resource`,
        },
    ...(def.parent
      ? {
          parent: {
            table: `${provider}.${def.parent.table}`,
            column: columnOf(def, def.parent.property),
            note:
              `Cloud Control lists ${def.name} per ${def.parent.property}: with ${columnOf(def, def.parent.property)} = '…' in the WHERE, ` +
              `skyql makes one list call per value; without it, it lists ${provider}.${def.parent.table} first, then the ${def.name} of each.`,
          },
        }
      : {}),
    examples,
    columns: def.columns.map(columnInfo),
    methods: methodsOf(def).map((m) => ({ name: m.name, sql_verb: m.sqlVerb, required_params: m.requiredParams })),
  };
}

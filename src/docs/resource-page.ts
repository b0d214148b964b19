// A resource's reference page, in the layout of shared/seed/aws.apigatewayv2.integrations.txt.
import { columnTypeName, type HandlerName, type ResourceDef } from '../providers/catalog-types.js';
import { snakeCase } from '../providers/aws/naming.js';
import { AWS_NAMES, AWSCC_NAMES, methodsOf, requiredProperties, type MethodDef } from '../providers/methods.js';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function cfnDocsUrl(cfnType: string): string {
  const [, svc, res] = cfnType.toLowerCase().split('::');
  return `https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-${svc}-${res}.html`;
}

function selectColumns(def: ResourceDef): string {
  const region = def.columns.find((c) => c.name === 'region')!;
  return [region, ...def.columns.filter((c) => c !== region)].map((c) => c.name).join(',\n');
}

function identifierPlaceholder(def: ResourceDef): string {
  return def.primaryIdentifier.map((p) => `<${p}>`).join('|');
}

/** `methods`: the table source's (docs-command passes them); by default the resource type's own. */
export function renderResourcePage(def: ResourceDef, provider = 'aws', methods: MethodDef[] = methodsOf(def)): string {
  const id = `${provider}.${def.service}.${def.name}`;
  const identifier = provider === 'awscc' ? AWSCC_NAMES.identifier : AWS_NAMES.identifier;
  const has = (name: string) => methods.some((m) => m.name === name);
  const base = def.tagsOf ?? def.listOnlyOf ?? def.name;
  const out: string[] = [];
  out.push(`# ${def.name}`, '');
  out.push(
    def.tagsOf
      ? `Expands the tags of ${provider}.${def.service}.${base}: one row per tag, with the resource's columns`
      : def.listOnlyOf
        ? `Lists the identifiers of ${provider}.${def.service}.${base} in a region, with ListResources alone`
        : `Creates, updates, deletes or gets ${withArticle(def)} resource or lists ${base} in a region`,
    '',
  );
  out.push('## Overview', '');
  // One row per item, as the seed's Overview lists Name, Type, Description and Id.
  out.push(
    table(
      ['Name', def.name],
      [
        ['Type', def.tagsOf || def.listOnlyOf ? 'View' : 'Resource'],
        ['Description', def.description],
        ['Id', id],
      ],
    ),
    '',
  );
  out.push('## Fields', '');
  out.push(table(['Name', 'Datatype', 'Description'], def.columns.map((c) => [c.name, columnTypeName(c), c.description])), '');
  out.push(`For more information, see [${def.cfnType}](${cfnDocsUrl(def.cfnType)}).`, '');
  out.push('## Methods', '');
  if (def.provisionable === false) {
    out.push(`None: ${def.cfnType} is not provisionable through Cloud Control (${def.notProvisionable}), so every statement on ${id} is refused.`, '');
    return out.join('\n');
  }
  out.push(
    table(
      ['Name', 'Accessible by', 'Required Params'],
      methods.map((m) => [m.name, m.sqlVerb, m.requiredParams.join(', ')]),
    ),
    '',
  );
  if (has('list_resources') || has('get_resource')) out.push('## SELECT examples', '');
  if (has('list_resources')) {
    out.push(`Gets all ${base} in a region.`, '', '```sql', 'SELECT', selectColumns(def), `FROM ${id}`, "WHERE region = 'us-east-1';", '```', '');
  }
  if (has('get_resource')) {
    out.push(
      `Gets all properties from an individual ${singularOf(def)}.`,
      '',
      '```sql',
      'SELECT',
      selectColumns(def),
      `FROM ${id}`,
      `WHERE region = 'us-east-1' AND ${identifier} = '${identifierPlaceholder(def)}';`,
      '```',
      '',
    );
  }
  if (has('create_resource')) {
    const required = [...requiredProperties(def), 'region'];
    out.push('## INSERT example', '');
    out.push(`Use the following StackQL query and manifest file to create a new ${singularOf(def)} resource, using stack-deploy.`, '');
    out.push(
      '```sql',
      '/*+ create */',
      `INSERT INTO ${id} (`,
      required.join(',\n'),
      ')',
      'SELECT',
      required.map((p) => `'{{ ${p} }}'`).join(',\n') + ';',
      '```',
      '',
    );
  }
  if (has('delete_resource')) {
    out.push('## DELETE example', '');
    out.push(
      '```sql',
      '/*+ delete */',
      `DELETE FROM ${id}`,
      `WHERE ${identifier} = '<${def.primaryIdentifier.join('|')}>'`,
      "AND region = 'us-east-1';",
      '```',
      '',
    );
  }
  if (def.handlers && !def.tagsOf && !def.listOnlyOf) out.push(...permissions(def));
  return out.join('\n');
}

const HANDLER_TITLES: [HandlerName, string][] = [
  ['create', 'Create'],
  ['update', 'Update'],
  ['read', 'Read'],
  ['delete', 'Delete'],
  ['list', 'List'],
];

/** The IAM actions each of the type's handlers needs, from its registry schema, as the seed lists them. */
function permissions(def: ResourceDef): string[] {
  const out = ['## Permissions', '', `To operate on the ${def.name} resource, the following permissions are required:`, ''];
  for (const [handler, title] of HANDLER_TITLES) {
    const actions = def.handlers?.[handler];
    if (!actions) continue;
    out.push(`### ${title}`, '', '```json', actions.length ? actions.join(',\n') : '(none)', '```', '');
  }
  return out;
}

function singularOf(def: ResourceDef): string {
  return snakeCase(def.cfnType.split('::')[2]).replace(/_/g, ' ');
}

function withArticle(def: ResourceDef): string {
  const word = singularOf(def);
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

export function renderServiceIndex(provider: string, service: string, defs: ResourceDef[]): string {
  return [
    `# ${provider}.${service}`,
    '',
    `${defs.length} resources in ${provider}.${service}.`,
    '',
    table(
      ['Name', 'CloudFormation type', 'Description'],
      defs.map((d) => [`[${d.name}](${d.name}.md)`, d.cfnType, d.description]),
    ),
    '',
  ].join('\n');
}

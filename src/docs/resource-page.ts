// A resource's reference page, in the layout of shared/seed/aws.apigatewayv2.integrations.txt.
import type { HandlerName, ResourceDef } from '../providers/catalog-types.js';
import { snakeCase } from '../providers/aws/naming.js';
import { methodsOf, requiredProperties } from '../providers/methods.js';
import { hasHandler } from '../providers/operable.js';

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

export function renderResourcePage(def: ResourceDef, provider = 'aws'): string {
  const id = `${provider}.${def.service}.${def.name}`;
  const base = def.tagsOf ? def.tagsOf : def.name;
  const out: string[] = [];
  out.push(`# ${def.name}`, '');
  out.push(
    def.tagsOf
      ? `Expands the tags of ${provider}.${def.service}.${base}: one row per tag, with the resource's columns`
      : `Creates, updates, deletes or gets ${withArticle(def)} resource or lists ${base} in a region`,
    '',
  );
  out.push('## Overview', '');
  // One row per item, as the seed's Overview lists Name, Type, Description and Id.
  out.push(
    table(
      ['Name', def.name],
      [
        ['Type', def.tagsOf ? 'View' : 'Resource'],
        ['Description', def.description],
        ['Id', id],
      ],
    ),
    '',
  );
  out.push('## Fields', '');
  out.push(table(['Name', 'Datatype', 'Description'], def.columns.map((c) => [c.name, c.type, c.description])), '');
  out.push(`For more information, see [${def.cfnType}](${cfnDocsUrl(def.cfnType)}).`, '');
  out.push('## Methods', '');
  if (def.provisionable === false) {
    out.push(`None: ${def.cfnType} is not provisionable through Cloud Control (${def.notProvisionable}), so every statement on ${id} is refused.`, '');
    return out.join('\n');
  }
  out.push(
    table(
      ['Name', 'Accessible by', 'Required Params'],
      methodsOf(def).map((m) => [m.name, m.sqlVerb, m.requiredParams.join(', ')]),
    ),
    '',
  );
  const can = (h: HandlerName) => hasHandler(def, h);
  if (can('list') || can('read')) out.push('## SELECT examples', '');
  if (can('list')) {
    out.push(`Gets all ${base} in a region.`, '', '```sql', 'SELECT', selectColumns(def), `FROM ${id}`, "WHERE region = 'us-east-1';", '```', '');
  }
  if (can('read')) {
    out.push(
      `Gets all properties from an individual ${singularOf(def)}.`,
      '',
      '```sql',
      'SELECT',
      selectColumns(def),
      `FROM ${id}`,
      `WHERE region = 'us-east-1' AND data__Identifier = '${identifierPlaceholder(def)}';`,
      '```',
      '',
    );
  }
  if (!def.tagsOf && !def.meta && can('create')) {
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
  if (!def.tagsOf && !def.meta && can('delete')) {
    out.push('## DELETE example', '');
    out.push(
      '```sql',
      '/*+ delete */',
      `DELETE FROM ${id}`,
      `WHERE data__Identifier = '<${def.primaryIdentifier.join('|')}>'`,
      "AND region = 'us-east-1';",
      '```',
      '',
    );
  }
  if (def.handlers && !def.tagsOf) out.push(...permissions(def));
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

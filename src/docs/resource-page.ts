// A resource's reference page, in the layout of shared/seed/aws.apigatewayv2.integrations.txt.
import type { ResourceDef } from '../providers/catalog-types.js';
import { snakeCase } from '../providers/aws/naming.js';
import { methodsOf, requiredProperties } from '../providers/methods.js';

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
  out.push(
    table(
      ['Name', 'Type', 'Description', 'Id'],
      [[def.name, def.tagsOf ? 'View' : 'Resource', def.description, id]],
    ),
    '',
  );
  out.push('## Fields', '');
  out.push(table(['Name', 'Datatype', 'Description'], def.columns.map((c) => [c.name, c.type, c.description])), '');
  out.push(`For more information, see [${def.cfnType}](${cfnDocsUrl(def.cfnType)}).`, '');
  out.push('## Methods', '');
  out.push(
    table(
      ['Name', 'Accessible by', 'Required Params'],
      methodsOf(def).map((m) => [m.name, m.sqlVerb, m.requiredParams.join(', ')]),
    ),
    '',
  );
  out.push('## SELECT examples', '');
  out.push(`Gets all ${base} in a region.`, '', '```sql', 'SELECT', selectColumns(def), `FROM ${id}`, "WHERE region = 'us-east-1';", '```', '');
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
  if (!def.tagsOf && !def.meta) {
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
  return out.join('\n');
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

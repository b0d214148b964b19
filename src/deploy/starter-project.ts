// skyql deploy init NAME: a starter stack for aws that builds, tests and tears down as
// written (against AWS or the local cloud): one HTTP API with every anchor build, test
// and teardown use. An HTTP API because it costs nothing until called and its name need
// not be unique, unlike an S3 bucket's. Like stackql-deploy's init, the name is made
// lower-case and hyphenated, and nothing already there is overwritten.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from '../errors.js';

export interface InitResult {
  name: string;
  dir: string;
  /** Paths written, relative to the stack directory. */
  files: string[];
}

/** `My Stack_1` → `my-stack-1`, as stackql-deploy's init names projects. */
export function stackName(raw: string): string {
  const name = raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z][a-z0-9-]*$/.test(name) || name.length > 64) {
    throw new UsageError(`init: '${raw}' does not make a stack name: use letters, digits and hyphens, starting with a letter, at most 64 characters`);
  }
  return name;
}

export function initStack(rawName: string, dir?: string): InitResult {
  const name = stackName(rawName);
  const target = dir ?? name;
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new UsageError(`init: ${target} exists and is not a folder`);
    const entries = readdirSync(target);
    if (entries.length > 0) {
      throw new UsageError(`init: ${target} already holds files (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); init writes only into a new or empty folder and never overwrites`);
    }
  }
  const files = starterFiles(name, target);
  mkdirSync(join(target, 'resources'), { recursive: true });
  // 'wx': a file that appeared meanwhile is an error, not overwritten.
  for (const [path, text] of Object.entries(files)) writeFileSync(join(target, path), text, { flag: 'wx' });
  return { name, dir: target, files: Object.keys(files) };
}

function starterFiles(name: string, dir: string): Record<string, string> {
  const shown = relative(process.cwd(), dir) || '.';
  return {
    'stackql_manifest.yml': manifest(name),
    'resources/api.iql': API_IQL,
    'README.md': readme(name, shown),
    '.env.example': ENV_EXAMPLE,
    '.gitignore': '.env\n',
  };
}

function manifest(name: string): string {
  return `# ${name}: a stackql-deploy stack, started by \`skyql deploy init\`.
# build creates or updates each resource below in order, test checks each against its
# statecheck, teardown deletes them in reverse order. Each resource's queries are in
# resources/<name>.iql. Add resources below; a later resource can use an earlier one's
# exports, e.g. {{ api_id }}.
version: 1
name: "${name}"
description: an HTTP API, tagged with its stack and environment
providers:
  - aws
globals:
  - name: region
    description: the AWS region, from the environment (-e AWS_REGION=… or a .env file)
    value: "{{ AWS_REGION }}"
  - name: global_tags
    value:
      Provisioner: skyql
      StackName: "{{ stack_name }}"
      StackEnv: "{{ stack_env }}"
resources:
  - name: api
    description: an HTTP API (API Gateway v2), found by its name
    props:
      - name: api_name
        value: "{{ stack_name }}-{{ stack_env }}"
      - name: api_description
        values:
          dev:
            value: "{{ stack_name }} API (development)"
          sit:
            value: "{{ stack_name }} API (integration testing)"
          prd:
            value: "{{ stack_name }} API"
      - name: api_tags
        value:
          Name: "{{ stack_name }}-{{ stack_env }}"
        merge:
          - global_tags
    exports:
      - api_id
      - api_endpoint
exports:
  - api_id
  - api_endpoint
`;
}

const API_IQL = `/* The stack's HTTP API. Its id is made by AWS, so the API is found by its name: the
   exists query returns the id, which the other queries read as this.api_id
   (stackql-deploy v2's exists fields). The statecheck is the desired state: when it
   finds nothing, build runs the update and test fails. Each query runs up to the next
   anchor line; comments belong above the first one. */

/*+ exists */
SELECT api_id
FROM aws.apigatewayv2.apis
WHERE region = '{{ region }}'
AND name = '{{ api_name }}';

/*+ create */
INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, Description, Tags, region)
SELECT '{{ api_name }}', 'HTTP', '{{ api_description }}', '{{ api_tags }}', '{{ region }}';

/*+ statecheck, retries=5, retry_delay=2 */
SELECT COUNT(*) as count
FROM aws.apigatewayv2.apis
WHERE region = '{{ region }}'
AND data__Identifier = '{{ this.api_id }}'
AND description = '{{ api_description }}'
AND JSON_EQUAL(tags, '{{ api_tags }}');

/*+ update */
UPDATE aws.apigatewayv2.apis
SET data__PatchDocument = string('{{ { "Description": api_description, "Tags": api_tags } | generate_patch_document }}')
WHERE data__Identifier = '{{ this.api_id }}'
AND region = '{{ region }}';

/*+ exports, retries=5, retry_delay=2 */
SELECT api_id, api_endpoint
FROM aws.apigatewayv2.apis
WHERE region = '{{ region }}'
AND data__Identifier = '{{ this.api_id }}';

/*+ delete */
DELETE FROM aws.apigatewayv2.apis
WHERE data__Identifier = '{{ api_id }}'
AND region = '{{ region }}';
`;

const ENV_EXAMPLE = `# Variables the manifest's globals read ({{ AWS_REGION }}). skyql deploy reads .env in
# the directory it runs in, or the file --env-file names; -e KEY=VALUE wins over both.
# AWS credentials are not read from here: they come from the usual AWS places
# (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment, ~/.aws, --profile).
AWS_REGION=us-east-1
`;

function readme(name: string, dir: string): string {
  return `# ${name}

A [stackql-deploy](https://stackql-deploy.io) stack, started by \`skyql deploy init\`: one HTTP
API (API Gateway v2) named \`${name}-<env>\`, tagged with its stack and environment, for the
environments \`dev\`, \`sit\` and \`prd\`.

- \`stackql_manifest.yml\`: the globals (region, tags), the resources in build order, their
  props (values per environment), and what each exports to the resources after it.
- \`resources/api.iql\`: the API's queries, one per anchor: \`exists\`, \`create\`, \`statecheck\`
  (the desired state), \`update\`, \`exports\` and \`delete\`.
- \`.env.example\`: the environment the globals read (\`AWS_REGION\`).

## Try it on the local cloud

\`--local\` runs skyql's local Cloud Control in the same process (or uses a running
\`skyql local\`), so nothing reaches AWS:

\`\`\`
skyql deploy plan     ${dir} dev --env-file ${dir}/.env.example --local
skyql deploy build    ${dir} dev --env-file ${dir}/.env.example --local
skyql deploy test     ${dir} dev --env-file ${dir}/.env.example --local
skyql deploy teardown ${dir} dev --env-file ${dir}/.env.example --local
\`\`\`

\`plan\` says what \`build\` would do (create, update with the patch, or nothing) from live
reads, writing nothing. Edit \`api_description\` in the manifest and run \`plan\` again: it
shows the update and its patch; \`build\` makes it.

## On AWS

Drop \`--local\`; credentials come from the usual AWS places (environment, \`~/.aws\`,
\`--profile\`). Copy \`.env.example\` to \`.env\` in the directory you run skyql from, or keep
passing \`--env-file\`. \`build --on-failure rollback\` deletes what a failed build created.
`;
}

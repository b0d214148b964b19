// The words an agent reads before its first query: the server's instructions and each
// tool's description. They carry what the seed's resource pages teach a person: how
// tables are named, that region is required, how children and identifiers work.
import { writeKinds, type ServerMode } from './server-mode.js';

export const NAMING =
  'Tables are named provider.service.resource, all lower case: provider `aws`; service = the middle of the CloudFormation type, ' +
  'lower-cased (AWS::ApiGatewayV2::Integration → apigatewayv2); resource = the snake_case plural of its last part ' +
  '(Integration → integrations, IntegrationResponse → integration_responses, Policy → policies). ' +
  'So AWS::ApiGatewayV2::Integration is aws.apigatewayv2.integrations.';

export const COLUMNS =
  'Columns are the snake_case of the CloudFormation properties (ApiId → api_id, TimeoutInMillis → timeout_in_millis) plus `region`. ' +
  'Object and array columns hold JSON (read into them with json_extract(col, \'$.Key\')).';

export const QUERY_RULES =
  "Every SELECT needs region = '…' (or region IN ('…', '…')) in its WHERE: Cloud Control is regional. " +
  "One resource: data__Identifier = '<id>', where <id> is the primary identifier's values joined by '|' " +
  "(integrations: data__Identifier = '<ApiId>|<IntegrationId>'), or equality on every identifier column (api_id = '…' AND integration_id = '…'). " +
  "Child resources (integrations, routes, stages of an API) are listed per parent: add the parent column (api_id = '…') for one list call per API; " +
  'without it skyql lists the parents first, then the children of each. ' +
  'Selecting more than the identifier columns costs one GetResource per listed resource. The whole WHERE is applied to the rows in SQLite, so joins, ' +
  'GROUP BY, ORDER BY, LIMIT and functions work as in SQLite.';

export const EXAMPLE =
  "SELECT api_id, integration_id, integration_type, timeout_in_millis FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'";

export const VARS =
  'Optional `vars` fill {{ name }} placeholders in the statement. Each value is escaped for where it lands ' +
  "('{{ id }}' inside quotes becomes a SQL string; outside quotes a value must be one token such as a number): " +
  'a value can never change the shape of the statement.';

function writesText(mode: ServerMode): string {
  const kinds = writeKinds(mode);
  if (kinds.length === 0) return 'This server is read_only: it runs no INSERT, UPDATE or DELETE (there are no write tools).';
  const tools = kinds.map((k) => `run_${k}`).join(', ');
  return (
    `Writes (this server's mode: ${mode}): ${tools}${mode === 'safe' ? '; no DELETE' : ''}. A write tool first returns the dry-run plan ` +
    '(the API calls it would make) and a plan_token, and changes nothing. Show the plan to the user; to run it, call the same tool again with ' +
    'the same statement and vars plus plan_token. A token works once, for that statement only, and expires. ' +
    'UPDATE and DELETE must name their resources (data__Identifier, the identifier columns, or a parent): a WHERE that would touch every resource is refused.'
  );
}

export function serverInstructions(mode: ServerMode): string {
  return [
    'skyql: SQL over the AWS Cloud Control API. Every AWS resource type is a table.',
    NAMING,
    COLUMNS,
    QUERY_RULES,
    `Example: ${EXAMPLE}`,
    'Find tables with list_services and list_resources, read a table\'s columns and example queries with describe_resource, ' +
      'check a statement with validate_statement (shows the API calls, makes none), read with run_select.',
    writesText(mode),
  ].join('\n\n');
}

export const DESCRIPTIONS = {
  list_providers: 'List the providers skyql has tables for (aws). The first part of every table name provider.service.resource.',
  list_services:
    'List the services of a provider (aws): the middle part of table names, e.g. apigatewayv2 in aws.apigatewayv2.integrations. ' +
    "`like` filters names with SQL LIKE (% any run, _ one character), e.g. 'apigateway%'. " +
    NAMING,
  list_resources:
    'List the resources (tables) of a service, e.g. service aws.apigatewayv2 → apis, integrations, routes, … with their full names ' +
    "(aws.apigatewayv2.integrations) and CloudFormation types. `like` filters with SQL LIKE, e.g. '%integration%'.",
  list_methods:
    'List what a table answers and the values each needs: list_resources (SELECT; region), get_resource (SELECT; data__Identifier, region), ' +
    'create_resource (INSERT; the required properties and region), update_resource (UPDATE), delete_resource (DELETE). resource: aws.service.resource.',
  describe_resource:
    "Describe a table (resource: aws.service.resource, e.g. aws.apigatewayv2.integrations): its columns with types and descriptions, which are JSON, " +
    'read-only or required to create; its identifier format for data__Identifier; its parent (integrations are listed per api_id); ' +
    'and ready-to-run example queries. Read this before writing a first query on a table.',
  validate_statement:
    'Parse and plan one statement of any kind without running it: returns the Cloud Control calls it would make (operation, region, type, ' +
    'identifier, request) and makes no API call. Names a missing region, an unknown table or column (with the closest real name), a missing ' +
    "required value, or a write that would touch every resource, and shows the corrected query. Also says which tool runs the statement on this server. " +
    VARS,
  run_select:
    `Run one SELECT, SHOW or DESCRIBE and return its rows as JSON objects (JSON columns nested). ${QUERY_RULES} ${COLUMNS} ` +
    `Example: ${EXAMPLE}. Rows beyond max_rows (default 100) are cut, and the answer says so (truncated, row_count). ` +
    'INSERT, UPDATE, DELETE and EXEC are refused here. ' +
    VARS,
} as const;

const WRITE_SHAPES = {
  insert:
    "INSERT INTO aws.service.resource (Col, …, region) VALUES (…) or SELECT …: one CreateResource per row. Columns may be written as properties (ApiId) or " +
    "snake_case (api_id); the required properties and region must be given (list_methods shows them). Example: INSERT INTO aws.apigatewayv2.integrations " +
    "(ApiId, IntegrationType, IntegrationUri, IntegrationMethod, PayloadFormatVersion, region) VALUES ('abc123', 'HTTP_PROXY', 'https://example.com', 'ANY', '1.0', 'us-east-1').",
  update:
    "UPDATE aws.service.resource SET col = value, … WHERE data__Identifier = '…' AND region = '…' (or the identifier columns; a SET of NULL removes the property), " +
    "or SET data__PatchDocument = '[{\"op\":\"add\",\"path\":\"/TimeoutInMillis\",\"value\":5000}]': one UpdateResource per resource. Create-only and read-only columns cannot be set.",
  delete:
    "DELETE FROM aws.service.resource WHERE data__Identifier = '…' AND region = '…' (or the identifier columns, e.g. api_id = '…' AND integration_id = '…'): " +
    'one DeleteResource per resource. A WHERE that does not name resources is read first and refused when it would delete every resource it read.',
} as const;

export function writeDescription(kind: 'insert' | 'update' | 'delete'): string {
  return (
    `Run one ${kind.toUpperCase()} (no other kind of statement). ${WRITE_SHAPES[kind]} ` +
    'Two steps, so nothing is changed by surprise: called without plan_token it changes nothing and returns the dry-run plan (the calls it would make) ' +
    'and a plan_token; called again with the same statement, the same vars and that plan_token, it runs exactly that plan, waits for each request ' +
    'to finish, and returns Cloud Control\'s progress events (or a report of which rows were done, failed, or are unknown). ' +
    'The token works once, only for that statement and vars, and expires in 10 minutes. ' +
    VARS
  );
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog } from '../providers/catalog.js';
import { catalogSource, completeSql, shellCompleter, type Completion, type CompletionSource } from './shell-completion.js';
import type { ShellState } from './shell-dot-commands.js';
import { ShellVariables } from './shell-variables.js';

const source = catalogSource(new Catalog());

/** What readline does with a completer's answer on one Tab: the line it then shows. */
function applyTab(line: string, cursor: number, [hits, on]: Completion): string {
  const nonEmpty = hits.filter((h) => h !== '');
  if (nonEmpty.length === 0) return line;
  let prefix = nonEmpty[0];
  for (const h of nonEmpty) while (!h.startsWith(prefix)) prefix = prefix.slice(0, -1);
  if (prefix.startsWith(on) && prefix.length > on.length) return line.slice(0, cursor) + prefix.slice(on.length) + line.slice(cursor);
  if (!on.startsWith(prefix)) return line.slice(0, cursor - on.length) + prefix + line.slice(cursor);
  return line;
}

/**
 * Tab in `text`: the cursor is at `|` (else at the end); lines before the last are the
 * statement's earlier lines. Returns the last line after the Tab, and the hits.
 */
function tab(text: string, src: CompletionSource = source): { line: string; hits: string[] } {
  const lines = text.split('\n');
  const current = lines.pop()!;
  const cursor = current.includes('|') ? current.indexOf('|') : current.length;
  const line = current.replace('|', '');
  const result = completeSql(src, { before: line.slice(0, cursor), after: line.slice(cursor), pending: lines.join('\n') });
  return { line: applyTab(line, cursor, result), hits: result[0] };
}

test('Tab completes providers, services, resources and columns, as readline shows them', () => {
  const cases: [typed: string, after: string][] = [
    // resources of a service: the hits' common prefix, then the whole name once it is unique
    ['aws.apigatewayv2.in', 'aws.apigatewayv2.integration'],
    ['aws.apigatewayv2.integrations', 'aws.apigatewayv2.integrations '],
    ['SELECT name FROM aws.apigatewayv2.ap', 'SELECT name FROM aws.apigatewayv2.api'],
    ['SELECT name FROM aws.apigatewayv2.apis', 'SELECT name FROM aws.apigatewayv2.apis '],
    ['DESCRIBE aws.apigatewayv2.vpc_li', 'DESCRIBE aws.apigatewayv2.vpc_link'],
    ['SHOW METHODS IN aws.apigatewayv2.integration_r', 'SHOW METHODS IN aws.apigatewayv2.integration_responses '],
    // services, and the provider where a table goes
    ['SELECT * FROM aws.apigatewayv', 'SELECT * FROM aws.apigatewayv2.'],
    ['SELECT * FROM aws.apigatew', 'SELECT * FROM aws.apigateway'],
    // Two providers (aws, awscc): their common prefix, then the one named.
    ['SELECT * FROM a', 'SELECT * FROM aws'],
    ['SELECT * FROM ', 'SELECT * FROM aws'],
    ['SELECT * FROM awsc', 'SELECT * FROM awscc.'],
    ['select * from aws.apigatewayv2.apis a join ', 'select * from aws.apigatewayv2.apis a join aws'],
    ['SHOW SERVICES IN ', 'SHOW SERVICES IN aws'],
    ['SHOW SERVICES IN awsc', 'SHOW SERVICES IN awscc '],
    ['SHOW RESOURCES IN aws.apigatewayv', 'SHOW RESOURCES IN aws.apigatewayv2.'],
    // case is ignored, and the catalog's spelling wins
    ['SELECT * FROM AWS.ApiGatewayV2.Integration_R', 'SELECT * FROM AWS.ApiGatewayV2.integration_responses '],
    // columns of the table the statement names, before or after the cursor
    ['SELECT api_| FROM aws.apigatewayv2.integrations', 'SELECT api_id FROM aws.apigatewayv2.integrations'],
    ['SELECT api_id, integration_u| FROM aws.apigatewayv2.integrations', 'SELECT api_id, integration_uri FROM aws.apigatewayv2.integrations'],
    ['SELECT * FROM aws.apigatewayv2.integrations WHERE timeout', 'SELECT * FROM aws.apigatewayv2.integrations WHERE timeout_in_millis'],
    ['SELECT * FROM aws.apigatewayv2.integrations WHERE reg', 'SELECT * FROM aws.apigatewayv2.integrations WHERE region'],
    ['SELECT * FROM aws.apigatewayv2.integrations WHERE re', 'SELECT * FROM aws.apigatewayv2.integrations WHERE re'],
    ["SELECT * FROM aws.apigatewayv2.integrations WHERE region = 'x' AND integration_t", "SELECT * FROM aws.apigatewayv2.integrations WHERE region = 'x' AND integration_type"],
    ['SELECT * FROM aws.apigatewayv2.integrations WHERE data__i', 'SELECT * FROM aws.apigatewayv2.integrations WHERE data__Identifier'],
    ['UPDATE aws.apigatewayv2.integrations SET timeout', 'UPDATE aws.apigatewayv2.integrations SET timeout_in_millis'],
    ['SELECT i.api_| FROM aws.apigatewayv2.integrations i', 'SELECT i.api_id FROM aws.apigatewayv2.integrations i'],
    ['SELECT * FROM aws.apigatewayv2.apis AS a JOIN aws.apigatewayv2.integrations i ON i.api_id = a.api_e', 'SELECT * FROM aws.apigatewayv2.apis AS a JOIN aws.apigatewayv2.integrations i ON i.api_id = a.api_endpoint'],
    ['SELECT * FROM aws.apigatewayv2.integrations WHERE integrations.timeout', 'SELECT * FROM aws.apigatewayv2.integrations WHERE integrations.timeout_in_millis'],
    ['SELECT 1; SELECT * FROM aws.apigatewayv2.apis WHERE protocol_', 'SELECT 1; SELECT * FROM aws.apigatewayv2.apis WHERE protocol_type'],
    // INSERT's column list takes column or property names: a capital asks for the property
    ['INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationT', 'INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationType'],
    ['INSERT INTO aws.apigatewayv2.integrations (api_id, integration_t', 'INSERT INTO aws.apigatewayv2.integrations (api_id, integration_type'],
    // keywords, in the case they are typed in
    ['sel', 'select '],
    ['SEL', 'SELECT '],
    ['SELECT * FROM aws.apigatewayv2.apis WH', 'SELECT * FROM aws.apigatewayv2.apis WHE'],
    ['SELECT * FROM aws.apigatewayv2.apis WHER', 'SELECT * FROM aws.apigatewayv2.apis WHERE '],
    ['SELECT * FROM aws.apigatewayv2.apis where region = 1 ord', 'SELECT * FROM aws.apigatewayv2.apis where region = 1 order '],
    // nothing inside strings and comments, or for names the catalog lacks
    ["SELECT 'aws.apigatewayv2.in", "SELECT 'aws.apigatewayv2.in"],
    ['SELECT 1 -- aws.apigatewayv2.in', 'SELECT 1 -- aws.apigatewayv2.in'],
    ['SELECT 1 /* aws.apigatewayv2.in', 'SELECT 1 /* aws.apigatewayv2.in'],
    ['SELECT * FROM aws.nosuch.', 'SELECT * FROM aws.nosuch.'],
    ['SELECT * FROM nosuch.apigatewayv2.in', 'SELECT * FROM nosuch.apigatewayv2.in'],
  ];
  for (const [typed, want] of cases) assert.equal(tab(typed).line, want, typed);
});

test('a second Tab lists the hits: all of them, in order', () => {
  assert.deepEqual(tab('aws.apigatewayv2.in').hits, ['integration_responses', 'integrations']);
  assert.ok(tab('aws.apigatewayv2.in').hits.includes('integrations'));
  assert.deepEqual(tab('SELECT name FROM aws.apigatewayv2.ap').hits, ['api_gateway_managed_overrides', 'api_mappings', 'api_tags', 'apis']);
  assert.deepEqual(tab('SHOW RESOURCES IN aws.apigatewayv2.rout').hits, ['route_responses', 'routes', 'routing_rules']);
  // Nothing typed at the start of a statement: the statements.
  assert.deepEqual(tab('').hits, ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'SHOW', 'DESCRIBE', 'EXEC']);
  // Nothing typed in a statement that names a table: its columns, not every keyword.
  const cols = tab('SELECT | FROM aws.apigatewayv2.integrations').hits;
  assert.ok(cols.includes('api_id') && cols.includes('region') && cols.includes('timeout_in_millis') && !cols.includes('SELECT'), cols.join(' '));
  // `re` is the start of columns only, not of keywords too (`resources`, `returning`).
  assert.deepEqual(tab('SELECT * FROM aws.apigatewayv2.integrations WHERE re').hits, ['region', 'request_parameters', 'request_templates', 'response_parameters']);
  // A word in capitals may be a keyword or a column: both, each spelt to fit readline.
  const both = tab('SELECT * FROM aws.apigatewayv2.apis WHERE N').hits;
  assert.deepEqual(both, ['Name', 'NOT', 'NULL']);
  assert.equal(tab('SELECT * FROM aws.apigatewayv2.apis WHERE N').line, 'SELECT * FROM aws.apigatewayv2.apis WHERE N');
});

test('the statement so far spans the earlier lines of a multi-line statement', () => {
  assert.equal(tab('SELECT integration_uri\nFROM aws.apigatewayv2.integrations\nWHERE timeout_').line, 'WHERE timeout_in_millis');
  assert.equal(tab("SELECT 'open\nstill in aws.apigatewayv2.in").line, 'still in aws.apigatewayv2.in');
  assert.equal(tab("SELECT 'closed'\nFROM aws.apigatewayv2.in").line, 'FROM aws.apigatewayv2.integration');
});

test('dot-commands complete at the start of a fresh line, with their arguments', () => {
  const state: ShellState = { format: 'table', timing: false, vars: new ShellVariables({ ApiId: 'a1', region: 'us-east-1' }) };
  let pending = '';
  const complete = shellCompleter({ source, state, pending: () => pending, after: () => '' });
  const line = (typed: string) => applyTab(typed, typed.length, complete(typed));
  assert.equal(line('.ti'), '.timing ');
  assert.equal(line('.timing o'), '.timing o');
  assert.deepEqual(complete('.timing o')[0], ['on', 'off']);
  assert.equal(line('.timing of'), '.timing off ');
  assert.equal(line('.output j'), '.output json');
  assert.equal(line('.output cs'), '.output csv ');
  assert.equal(line('.uns'), '.unset ');
  assert.equal(line('.unset A'), '.unset ApiId ');
  assert.deepEqual(complete('.set ')[0], ['ApiId', 'region']);
  assert.equal(line('.set region us-'), '.set region us-', 'a value is not completed');
  assert.ok(complete('.')[0].includes('.help') && complete('.')[0].includes('.vars'));
  assert.equal(line('SEL'), 'SELECT ');
  pending = 'SELECT 1';
  assert.equal(line('.ti'), '.ti', 'inside a statement a dot is SQL');
});

test('completion never throws, whatever the catalog does', () => {
  const broken: CompletionSource = {
    providers: () => ['aws'],
    services: () => {
      throw new Error('catalog file missing');
    },
    resources: () => undefined,
    columns: () => undefined,
  };
  const state: ShellState = { format: 'table', timing: false, vars: new ShellVariables() };
  const complete = shellCompleter({ source: broken, state, pending: () => '', after: () => '' });
  assert.deepEqual(complete('SELECT * FROM aws.ec'), [[], '']);
});

test('completion is quick: one service file is loaded once, then kept', () => {
  const fresh = catalogSource(new Catalog());
  const t0 = performance.now();
  tab('SELECT * FROM aws.ec2.vpcs WHERE cidr', fresh);
  const first = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < 200; i++) tab(`SELECT * FROM aws.ec2.vpcs WHERE cidr${i % 2 ? '_' : ''}`, fresh);
  const each = (performance.now() - t1) / 200;
  // Loose bounds for a loaded machine; typically ~20 ms and ~0.05 ms.
  assert.ok(first < 2_000, `first completion in ec2: ${first.toFixed(1)} ms`);
  assert.ok(each < 5, `cached completion: ${each.toFixed(3)} ms each`);
});

// Errors and formats a first-time user meets, none of which needs a cloud: each is a
// one-line message naming the fix, exit code 1 or 2, never "internal error". What a
// statement does runs in-process (execSql runs exec's action, runCommand its command
// object); what only the CLI process does ($COLUMNS, the shell's flags, --stats, one JSON
// document on stdout) runs bin/skyql.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execCommand } from '../../src/cli/exec-command.js';
import { runCli } from '../support/cli.js';
import { execSql, runCommand, type ExecOptions } from '../support/exec-harness.js';

async function fails(sql: string, message: RegExp, code = 1, opts: ExecOptions = {}): Promise<void> {
  const r = await execSql(undefined, sql, opts);
  assert.equal(r.code, code, `${sql}\n${r.stderr}`);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /internal error/);
}


test('several statements with -o json are one JSON document; --stats reports on stderr', async () => {
  const r = await runCli(['exec', 'SELECT 1 AS a; SELECT 2 AS b', '-o', 'json', '--stats']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [[{ a: 1 }], [{ b: 2 }]]);
  assert.match(r.stderr, /^stats: 0 API calls, 0 HTTP attempts \(0 retried\), 0 answers from the cache, [\d.]+ s, peak RSS \d+ MB\n$/);
});

test("aliases in single quotes and backticks work, as in stackql-deploy's examples", async () => {
  const r = await execSql(undefined, "SELECT 'sg-1' as 'security_group_id', 2 AS `n`", { output: 'json' });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [{ security_group_id: 'sg-1', n: 2 }]);
});

test('a write without a region shows the fix on the statement itself', async () => {
  await fails(
    "UPDATE aws.apigatewayv2.integrations SET timeout_in_millis = 5 WHERE data__Identifier = 'a|b'",
    /needs a region[\s\S]*UPDATE aws\.apigatewayv2\.integrations SET timeout_in_millis = 5 WHERE data__Identifier = 'a\|b' AND region = 'us-east-1'/,
  );
  await fails("SELECT api_id FROM aws.apigatewayv2.integrations WHERE regoin = 'us-east-1'", /Unknown column 'regoin'\. Did you mean 'region'\?/);
  await fails("SELECT name FROM aws.apigatewayv2.apis WHERE name = 'a' OR name = 'b'", /WHERE \(name = 'a' OR name = 'b'\) AND region = 'us-east-1'/);
  await fails("SELECT 1 FROM apigatewayv2.apis WHERE region = 'us-east-1'", /Did you mean 'aws\.apigatewayv2\.apis'\?/);
});

test('bad input files and shapes are usage errors, not bugs', async () => {
  await fails('SELECT 1', /vars\.yaml/, 2, { iqldata: '/nonexistent/vars.yaml' });
  await fails('SELECT 1', /--var/, 2, { vars: ['novalue'] });
  // --outfile in a folder that does not exist: cli-outfile.test.ts.
  await fails("INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationType, region) VALUES ('x', 'HTTP')", /column count doesn't match value count at row 1/);
  await fails('SELECT $1', /parameters .* are not supported/);
});

test('a bad --endpoint-url and a provider-less service name are named as such', async () => {
  // exec's own command object parses the options, as main.ts runs it.
  const endpoint = await runCommand(execCommand(), ['SELECT 1', '--endpoint-url', 'notaurl']);
  assert.equal(endpoint.code, 2, endpoint.stderr);
  assert.match(endpoint.stderr, /--endpoint-url takes an http\(s\) URL/);
  assert.doesNotMatch(endpoint.stderr, /internal error/);
  await fails('SHOW RESOURCES IN apigatewayv2', /write it with its provider: aws\.apigatewayv2/);
});

test('tables fit $COLUMNS when output is piped', async () => {
  const r = await runCli(['exec', 'DESCRIBE EXTENDED aws.apigatewayv2.integrations'], { env: { COLUMNS: '80' } });
  assert.equal(r.code, 0, r.stderr);
  for (const line of r.stdout.trimEnd().split('\n')) assert.ok([...line].length <= 80, line);
});

test('the shell takes the same template options as exec', async () => {
  const r = await runCli(['shell', '--var', 'who=world', '-o', 'csv'], { input: "SELECT '{{ who }}' AS hello;\nSELECT '{{ nobody }}';\n" });
  // Piped, the shell ends at the failed statement with exec's code for it (a usage error).
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, 'hello\r\nworld\r\n');
  assert.match(r.stderr, /template variable 'nobody' is not defined/);
});

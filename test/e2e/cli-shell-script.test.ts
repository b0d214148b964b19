// `skyql shell` fed from a pipe runs a script: it stops at the first failed statement and
// exits with the code exec gives that error, so nothing after a failure is run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli.js';
import { execSql } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';

let cloud: TestCloud;

before(async () => {
  cloud = await startTestCloud();
});

after(() => cloud.close());

const INSERT = "INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('after-failure', 'HTTP', 'us-east-1');";

async function shell(input: string, ...args: string[]) {
  return runCli(['shell', '-o', 'csv', ...args], { input, env: cloud.env });
}

function oneErrorLine(stderr: string, message: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l.startsWith('error: ') || /internal error|\bat .*\.js:\d+/.test(l));
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], message);
}

test('a failed statement stops a piped shell, with the exit code exec gives the same error', async () => {
  const before = await cloud.requests();
  // A statement the engine refuses (a plan error such as a missing region takes the same
  // way as this syntax error), and one the shell's own template rendering refuses.
  const cases: [string, RegExp, string][] = [
    ['SELECT nope FROM;', /^error: syntax error at line 1/, 'SELECT nope FROM'],
    ["SELECT '{{ nobody }}';", /^error: template variable 'nobody' is not defined/, "SELECT '{{ nobody }}'"],
  ];
  for (const [bad, message, alone] of cases) {
    const r = await shell(`SELECT 1 AS a;\n${bad}\n${INSERT}\nSELECT 2 AS b;\n`);
    // The code `skyql exec` gives the statement alone (its action, in-process).
    const exec = await execSql(cloud, alone);
    assert.notEqual(r.code, 0, bad);
    assert.equal(r.code, exec.code, `${bad}: shell and exec exit alike\n${r.stderr}`);
    assert.equal(r.stdout, 'a\r\n1\r\n', 'the statement before the failure ran, none after it');
    oneErrorLine(r.stderr, message);
  }
  assert.equal(await cloud.requests(), before, 'the INSERT after the failure was never sent');
});

test('an unknown meta command in a piped script is a usage error that stops it', async () => {
  const r = await shell(`SELECT 1 AS a;\n.outptu json\nSELECT 2 AS b;\n`);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, 'a\r\n1\r\n');
  oneErrorLine(r.stderr, /^error: unknown command '\.outptu json': try \.help$/);
  // Every other refused dot-command (.output yaml, .set 9lives) stops it the same way; their
  // messages: shell-dot-commands.test.ts.
});

test('a piped script that succeeds exits 0, its last statement run even without a ;', async () => {
  const r = await shell(`SELECT 1 AS a;\n.output json\nSELECT 2 AS b\n-- the end\n`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'a\r\n1\r\n[\n  {\n    "b": 2\n  }\n]\n');
  const unterminated = await shell(`SELECT 1 AS a;\nSELECT 'open\n`);
  assert.equal(unterminated.code, 1, 'an unclosed quote at the end is an error, not a statement dropped unseen');
  assert.equal(unterminated.stdout, 'a\r\n1\r\n');
  oneErrorLine(unterminated.stderr, /^error: syntax error/);
});

test('a piped script may .set variables for the statements after it; one .unset is gone', async () => {
  const r = await shell(`.set who 'the world'\nSELECT '{{ who }}' AS hello;\n.unset who\n.set n 2\n.vars\nSELECT {{ n }} + 1 AS three;\n`, '--var', 'who=nobody');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'hello\r\nthe world\r\nn = 2\nthree\r\n3\r\n');
  const missing = await shell(`.set a 1\n.unset a\nSELECT '{{ a }}';\n`);
  assert.equal(missing.code, 2);
  oneErrorLine(missing.stderr, /^error: template variable 'a' is not defined.*\.set a … in this shell, or start it with --var a=…$/);
});

test('statements span lines (a line starting with . inside one is SQL, not a command) and .output switches the format', async () => {
  const r = await runCli(['shell'], {
    input: 'SHOW METHODS IN aws.apigatewayv2\n.integrations;\n.output csv\nSHOW PROVIDERS;\n',
    env: cloud.env,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\| create_resource +\| INSERT +\|/);
  assert.match(r.stdout, /name,version,services\r\naws,/);
});

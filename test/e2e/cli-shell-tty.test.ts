// `skyql shell` at a terminal, driven through a pseudo-terminal (util-linux `script`) as a
// person would drive it: Tab completion, a multi-line query, .timing, .set/.vars, Ctrl-C
// during a slow query and on a half-typed line, and history kept across sessions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runCli } from '../support/cli.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy } from '../support/request-witness.js';

const haveScript = spawnSync('script', ['--version']).status === 0;
const SLOW_MS = 5_000;

/** A shell in a pseudo-terminal: keystrokes in, what the terminal shows (escapes removed) out. */
class Terminal {
  private raw = '';
  private mark = 0;
  private readonly child: ChildProcess;
  readonly exited: Promise<number>;

  constructor(args: string[], env: Record<string, string>) {
    // `stty` gives the terminal a size: `script` fed from a pipe has none to copy.
    const command = `stty cols 120 rows 40; exec "${process.execPath}" bin/skyql.js shell ${args.join(' ')}`;
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: repoRoot,
      env: { ...process.env, TERM: 'xterm', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.raw += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.raw += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  /** The screen's text since the last wait: colours and cursor moves removed. */
  get text(): string {
    return clean(this.raw.slice(this.mark));
  }

  type(keys: string): void {
    this.child.stdin!.write(keys);
  }

  /** Waits for `pattern` in what the terminal showed since the last wait; returns that text. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.text;
      const m = pattern.exec(text);
      if (m) {
        this.mark = this.raw.length;
        return text;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the terminal shows:\n${text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Types `text`, then Tab once the terminal shows it: readline takes a Tab that arrives
   * in the same read as other keys for pasted text, and inserts it.
   */
  async tab(text: string): Promise<void> {
    if (text) {
      this.type(text);
      const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await this.waitForLine(new RegExp(`${escaped}$`));
    }
    this.type('\t');
  }

  /** Waits until the line being edited (after the last prompt) matches `pattern`. */
  async waitForLine(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Typing at the end of the line writes the characters alone; any other edit redraws
      // the prompt and the whole line: the text after the last prompt is the line.
      const line = clean(this.raw).split(/skyql> |\.\.\.> /).pop()!;
      if (pattern.test(line)) {
        this.mark = this.raw.length;
        return;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the line to match ${pattern}; it is:\n${line}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

function clean(s: string): string {
  // CSI sequences (cursor moves, clears) and carriage returns.
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}

async function until(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let fast: TestCloud;
let slow: TestCloud;
let home: string;
let historyFile: string;

before(async () => {
  [fast, slow] = await Promise.all([startTestCloud(), startTestCloud({ latencyMs: SLOW_MS })]);
  await fast.create('AWS::ApiGatewayV2::Api', { Name: 'shop', ProtocolType: 'HTTP' });
  home = mkdtempSync(join(tmpdir(), 'skyql-tty-'));
  historyFile = join(home, 'data', 'skyql', 'shell_history');
});

after(async () => {
  await Promise.all([fast?.close(), slow?.close()]);
  if (home) rmSync(home, { recursive: true, force: true });
});

const envFor = (cloud: TestCloud, endpoint = cloud.endpoint) => ({ ...cloud.env, AWS_ENDPOINT_URL_CLOUDCONTROL: endpoint, HOME: home, XDG_DATA_HOME: join(home, 'data') });

test('Up recalls a statement from an earlier session; Ctrl-C cancels it mid-call and clears a half-typed line', { skip: !haveScript && 'util-linux script is not installed' }, async () => {
  // A multi-line statement an earlier session ran, as the history file keeps it.
  mkdirSync(join(home, 'data', 'skyql'), { recursive: true });
  writeFileSync(historyFile, "SELECT name\\n  FROM aws.apigatewayv2.apis WHERE region = 'us-east-1';\n");
  const proxy = await recordingProxy(slow);
  const term = new Terminal([], envFor(slow, proxy.endpoint));
  try {
    await term.waitFor(/skyql> $/);
    term.type('\x1b[A');
    await term.waitFor(/SELECT name\n {2}FROM aws\.apigatewayv2\.apis WHERE region = 'us-east-1';$/);
    const started = Date.now();
    term.type('\r');
    // Ctrl-C once the call is on its way to a cloud that answers in SLOW_MS.
    await until('the ListResources call is in flight', () => proxy.calls.length > 0);
    assert.equal(proxy.calls[0].operation, 'ListResources');
    // Keys typed while it runs wait at the next prompt, the cursor after them: Tab completes there.
    term.type('SELECT * FROM aws.apigatewayv2.integration_r');
    await term.waitForLine(/integration_r$/);
    const interrupted = Date.now();
    term.type('\x03');
    const shown = await term.waitFor(/error: cancelled by Ctrl-C\n(.|\n)*skyql> SELECT \* FROM aws\.apigatewayv2\.integration_r$/);
    assert.ok(Date.now() - interrupted < SLOW_MS / 2, `back at the prompt ${Date.now() - interrupted} ms after Ctrl-C`);
    assert.ok(Date.now() - started < SLOW_MS, 'the statement did not wait for its answer');
    assert.doesNotMatch(shown, /\| name/, 'no result is printed for a cancelled statement');
    await term.tab('');
    await term.waitForLine(/^SELECT \* FROM aws\.apigatewayv2\.integration_responses $/);
    term.type('\x03');
    await term.waitFor(/skyql> $/);

    // Ctrl-C on a statement being typed drops it; the next statement runs alone.
    term.type('SELECT nothing,\r');
    await term.waitFor(/\.\.\.> $/);
    term.type('still');
    await term.waitForLine(/^still$/);
    term.type('\x03');
    await term.waitFor(/skyql> $/);
    term.type('SELECT 2 AS two;\r');
    const two = await term.waitFor(/\| two \|(.|\n)*skyql> $/);
    assert.doesNotMatch(two, /error/);
    term.type('.exit\r');
    assert.equal(await term.exited, 0);
  } finally {
    term.kill();
    await proxy.close();
  }
  const history = readFileSync(historyFile, 'utf8');
  assert.equal(
    history,
    "SELECT name\\n  FROM aws.apigatewayv2.apis WHERE region = 'us-east-1';\nSELECT 2 AS two;\n",
    'the recalled statement is not repeated; cleared lines are not kept',
  );
});

test('Tab completes tables and columns, a multi-line query runs, .timing shows calls, .set feeds {{ }}', { skip: !haveScript && 'util-linux script is not installed' }, async () => {
  const term = new Terminal(['--var', 'region=us-east-1'], envFor(fast));
  try {
    await term.waitFor(/Tab completes(.|\n)*skyql> $/);
    // `ap` is the start of four resources: Tab gives their common prefix, a second Tab lists them.
    await term.tab('SELECT name FROM aws.apigatewayv2.ap');
    await term.waitForLine(/^SELECT name FROM aws\.apigatewayv2\.api$/);
    await term.tab('');
    const listed = await term.waitFor(/apis(.|\n)*skyql> SELECT name FROM aws\.apigatewayv2\.api$/);
    for (const r of ['api_gateway_managed_overrides', 'api_mappings', 'api_tags', 'apis']) assert.match(listed, new RegExp(`\\b${r}\\b`));
    await term.tab('s');
    await term.waitForLine(/^SELECT name FROM aws\.apigatewayv2\.apis $/);
    // The statement names its table: WHERE completes its columns.
    await term.tab('WHERE reg');
    await term.waitForLine(/^SELECT name FROM aws\.apigatewayv2\.apis WHERE region$/);
    term.type(" = '{{ region }}';\r");
    await term.waitFor(/\| shop \|(.|\n)*skyql> $/);

    // The issue's own example: `aws.apigatewayv2.in` completes, and the statement runs.
    await term.tab('DESCRIBE aws.apigatewayv2.in');
    await term.waitForLine(/^DESCRIBE aws\.apigatewayv2\.integration$/);
    term.type('s;\r');
    await term.waitFor(/timeout_in_millis(.|\n)*skyql> $/);

    // A query over several lines: the table named on an earlier line gives WHERE its columns.
    term.type('SELECT api_id,\r');
    await term.waitFor(/\.\.\.> $/);
    term.type('  protocol_type\r');
    await term.waitFor(/\.\.\.> $/);
    term.type('FROM aws.apigatewayv2.apis\r');
    await term.waitFor(/\.\.\.> $/);
    await term.tab("WHERE region = 'us-east-1' AND protocol_t");
    await term.waitForLine(/AND protocol_type$/);
    term.type(" = 'HTTP';\r");
    await term.waitFor(/\| api_id +\| protocol_type \|(.|\n)*\| HTTP +\|(.|\n)*skyql> $/);

    term.type('.timing on\r');
    await term.waitFor(/timing is on\n(.|\n)*skyql> $/);
    term.type("SELECT name FROM aws.apigatewayv2.apis WHERE region = 'us-east-1';\r");
    const timed = await term.waitFor(/Time: [\d.]+ m?s, [\d,]+ API calls?(.|\n)*skyql> $/);
    const calls = Number(/Time: [\d.]+ m?s, ([\d,]+) API call/.exec(timed)![1]);
    assert.ok(calls >= 1, `a list of APIs makes calls:\n${timed}`);
    term.type('SELECT 1 AS one;\r');
    await term.waitFor(/Time: [\d.]+ m?s, 0 API calls\n(.|\n)*skyql> $/);
    term.type('.timing off\r');
    await term.waitFor(/timing is off\n(.|\n)*skyql> $/);

    // .set gives {{ }} a value for later statements, escaped where it lands.
    term.type(".set nm 'it''s'\r");
    await term.waitFor(/skyql> $/);
    term.type('.vars\r');
    const vars = await term.waitFor(/skyql> $/);
    assert.match(vars, /^nm = it's$/m);
    assert.match(vars, /^region = us-east-1$/m);
    term.type("SELECT '{{ nm }}' AS quoted;\r");
    await term.waitFor(/\| it's +\|(.|\n)*skyql> $/);
    term.type('.help\r');
    const help = await term.waitFor(/\.exit(.|\n)*skyql> $/);
    for (const c of ['.help', '.output', '.timing', '.vars', '.set', '.unset', '.exit']) assert.match(help, new RegExp(`^ +\\${c}\\b`, 'm'));
    term.type('\x04'); // Ctrl-D leaves
    assert.equal(await term.exited, 0);
  } finally {
    term.kill();
  }
  const history = readFileSync(historyFile, 'utf8').split('\n');
  assert.ok(history.includes("SELECT api_id,\\n  protocol_type\\nFROM aws.apigatewayv2.apis\\nWHERE region = 'us-east-1' AND protocol_type = 'HTTP';"), history.join('\n'));
  assert.ok(history.includes(".set nm 'it''s'"));
});

test('a piped shell never writes the history', async () => {
  const data = join(home, 'piped');
  const r = await runCli(['shell', '-o', 'csv'], { input: 'SELECT 1 AS a;\n.timing on\nSELECT 2 AS b;\n', env: { ...fast.env, XDG_DATA_HOME: data, HOME: data } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^a\r\n1\r\nb\r\n2\r\n$/);
  assert.match(r.stderr, /^Time: [\d.]+ m?s, 0 API calls\n$/);
  assert.equal(existsSync(join(data, 'skyql', 'shell_history')), false);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryFile, ShellHistory, decodeEntry, encodeEntry, historyPath } from './shell-history.js';
import { StatementTimer, timingLine } from './shell-timing.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-history-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the history lives in the XDG data directory', () => {
  assert.equal(historyPath({ XDG_DATA_HOME: '/data' }), '/data/skyql/shell_history');
  assert.equal(historyPath({}), join(homedir(), '.local', 'share', 'skyql', 'shell_history'));
  assert.equal(historyPath({ XDG_DATA_HOME: 'relative' }), join(homedir(), '.local', 'share', 'skyql', 'shell_history'));
});

test('an entry of several lines is one line of the file, and reads back the same', () => {
  for (const entry of ['SELECT 1;', "SELECT 'a\\nb'\nFROM t\r\nWHERE x = '\\\\';", 'trailing \\']) {
    assert.ok(!encodeEntry(entry).includes('\n'));
    assert.equal(decodeEntry(encodeEntry(entry)), entry);
  }
});

test('the file keeps the newest entries, readable by the user alone, and loads oldest first', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'skyql', 'shell_history');
  const file = new HistoryFile(path, 10);
  assert.deepEqual(file.load(), []);
  for (let i = 1; i <= 25; i++) file.append(`SELECT ${i};\n-- line two`);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(join(dir, 'skyql')).mode & 0o777, 0o700);
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  assert.ok(lines.length <= 10 + 100, `${lines.length} lines`);
  const again = new HistoryFile(path, 10).load();
  assert.equal(again.length, 10);
  assert.equal(again[0], 'SELECT 16;\n-- line two');
  assert.equal(again[9], 'SELECT 25;\n-- line two');
});

test('a file far past the limit is trimmed back to it, keeping what another shell appended', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'h');
  writeFileSync(path, Array.from({ length: 120 }, (_, i) => `old ${i}\n`).join(''));
  const file = new HistoryFile(path, 50);
  assert.equal(file.load().length, 50);
  file.append('mine');
  assert.equal(readFileSync(path, 'utf8').split('\n').filter(Boolean).length, 50);
  assert.deepEqual(new HistoryFile(path, 50).load().slice(-2), ['old 119', 'mine']);
});

test('readline sees one entry per statement, newest first; repeats are kept once', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'h');
  writeFileSync(path, 'SELECT 1;\n');
  const history = new ShellHistory(new HistoryFile(path), () => assert.fail('no warning expected'));
  assert.deepEqual(history.initial(), ['SELECT 1;']);
  // What readline does with the two lines of a statement: adds each, then emits its array.
  const live = history.initial();
  live.unshift('SELECT api_id,');
  history.onReadlineHistory(live);
  live.unshift("  name FROM aws.apigatewayv2.apis WHERE region = 'us-east-1';");
  history.onReadlineHistory(live);
  history.add("SELECT api_id,\n  name FROM aws.apigatewayv2.apis WHERE region = 'us-east-1';");
  history.add('.timing on');
  history.add('.timing on');
  history.add('   ');
  const want = ['.timing on', "SELECT api_id,\n  name FROM aws.apigatewayv2.apis WHERE region = 'us-east-1';", 'SELECT 1;'];
  assert.deepEqual(live, want);
  assert.deepEqual(new HistoryFile(path).load().reverse(), want);
});

test('a history that cannot be written is one note, and the session goes on', (t) => {
  const dir = tempDir(t);
  // A file where the directory should be: unwritable even for root.
  writeFileSync(join(dir, 'blocker'), '');
  const notes: string[] = [];
  const history = new ShellHistory(new HistoryFile(join(dir, 'blocker', 'skyql', 'h')), (m) => notes.push(m));
  history.add('SELECT 1;');
  history.add('SELECT 2;');
  assert.equal(notes.length, 1);
  assert.match(notes[0], /^shell history is not saved to .*blocker\/skyql\/h: ENOTDIR$/);
  assert.deepEqual(history.list(), ['SELECT 2;', 'SELECT 1;']);
});

test('.timing: wall time and the API calls of each statement, from the engine\'s running totals', () => {
  let clock = 1000;
  let totals = { calls: 5, attempts: 6, retries: 1, cached: 2 };
  const timer = new StatementTimer(() => totals, () => clock);
  clock += 12.34;
  totals = { calls: 8, attempts: 9, retries: 1, cached: 2 };
  assert.equal(timer.lap(), 'Time: 12.3 ms, 3 API calls');
  clock += 2500;
  totals = { calls: 9, attempts: 12, retries: 4, cached: 5 };
  assert.equal(timer.lap(), 'Time: 2.500 s, 1 API call (3 retries), 3 answers from the cache');
  assert.equal(timingLine(0.2, { calls: 0, attempts: 0, retries: 0 }), 'Time: 0.2 ms, 0 API calls');
  assert.equal(timingLine(65_000, { calls: 1234, attempts: 1235, retries: 1 }), 'Time: 65.000 s, 1,234 API calls (1 retry)');
});

// Runs every compiled *.test.js under dist/ with node's test runner. Node 20's runner
// takes no globs, and given a folder it would also run helpers that are not tests.
//
// A Node process per test file costs about 0.3 s of start-up and module loading, which
// for ~120 files was most of the run. So the files are run in a few groups, each one
// process that imports its files one after another, each file inside its own describe()
// named by its path: a file's top-level before/after hooks stay scoped to that file (node
// attaches them to the enclosing suite) and a failure names the file it is in. The groups
// run side by side (--test-concurrency), longest first; files are split between them by
// how long each took last time (dist/.test-times.json, written by test-times-reporter),
// by size for a file not timed yet.
//
// `node dist/scripts/run-tests.js --isolated` runs a process per file as before; any
// other argument goes to node --test (e.g. --test-name-pattern).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(dist, '..');
// tsc never deletes what it emitted: a test whose source was deleted or renamed is not run.
const files = (readdirSync(dist, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.js') && !f.includes('node_modules') && existsSync(join(root, f.replace(/\.js$/, '.ts'))))
  .map((f) => join(dist, f))
  .sort();
if (files.length === 0) {
  console.error('no test files under dist/: run npm run build first');
  process.exit(1);
}
const args = process.argv.slice(2);
const isolated = args.includes('--isolated');
const nodeArgs = args.filter((a) => a !== '--isolated');
// Three groups at a time on two cores: the tests wait on child processes, sockets and
// the disk often enough that a third keeps the cores busy (on this 2-core machine 84 s,
// against 110 s with two and 77 s, with 15% more CPU, with four). Twice as many groups
// evens out a wrong guess. SKYQL_TEST_CONCURRENCY sets another number.
const CONCURRENCY = Number(process.env.SKYQL_TEST_CONCURRENCY) || 3;
const GROUPS = 2 * CONCURRENCY;
const timesFile = join(dist, '.test-times.json');

// The SDK's notice about its future Node requirement is not a test result.
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const name = (f: string) => relative(process.cwd(), f);

function lastTimes(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(timesFile, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** Files split into `n` groups of about equal expected length, longest group first. */
function split(n: number): string[][] {
  const times = lastTimes();
  const known = files.filter((f) => times[name(f)] !== undefined);
  // Milliseconds per byte of the files timed before, for those that were not.
  const bytes = (f: string) => statSync(f).size;
  const rate = known.length ? known.reduce((s, f) => s + times[name(f)], 0) / known.reduce((s, f) => s + bytes(f), 0) : 1;
  const expected = (f: string) => times[name(f)] ?? bytes(f) * rate;
  const groups = Array.from({ length: n }, () => ({ ms: 0, files: [] as string[] }));
  for (const f of [...files].sort((a, b) => expected(b) - expected(a))) {
    const g = groups.reduce((a, b) => (b.ms < a.ms ? b : a));
    g.files.push(f);
    g.ms += expected(f);
  }
  return groups
    .filter((g) => g.files.length > 0)
    .sort((a, b) => b.ms - a.ms)
    .map((g) => g.files.sort());
}

let targets = files.map(name);
const reporters: string[] = [];
let groupDir: string | undefined;
if (!isolated) {
  groupDir = mkdtempSync(join(tmpdir(), 'skyql-tests-'));
  targets = split(GROUPS).map((group, i) => {
    const lines = [
      "import { describe } from 'node:test';",
      ...group.map((f) => `describe(${JSON.stringify(name(f))}, async () => { await import(${JSON.stringify(pathToFileURL(f).href)}); });`),
    ];
    // Named so that node --test starts them in this order (it sorts by name): longest first.
    const entry = join(groupDir!, `group-${i + 1}.mjs`);
    writeFileSync(entry, lines.join('\n') + '\n');
    return entry;
  });
  // The visible report as node would pick it, and the times beside it.
  if (!nodeArgs.some((a) => a.startsWith('--test-reporter'))) {
    reporters.push(
      `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
      '--test-reporter-destination=stdout',
      `--test-reporter=${pathToFileURL(join(dist, 'scripts', 'test-times-reporter.js')).href}`,
      `--test-reporter-destination=${join(groupDir, 'times.json')}`,
    );
  }
}
const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${CONCURRENCY}`, ...reporters, ...nodeArgs, ...targets], { stdio: 'inherit', env });
if (groupDir) {
  // Only a full run's times replace the last ones (a filtered run times a few tests).
  const measured = join(groupDir, 'times.json');
  if (reporters.length && nodeArgs.length === 0 && existsSync(measured)) {
    try {
      const text = readFileSync(measured, 'utf8');
      JSON.parse(text);
      writeFileSync(timesFile, text);
    } catch {
      // Cut short: keep the last times.
    }
  }
  rmSync(groupDir, { recursive: true, force: true });
}
process.exit(r.status ?? 1);

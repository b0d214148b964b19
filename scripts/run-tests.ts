// Runs every compiled *.test.js under dist/ with node's test runner. Node 20's runner
// takes no globs, and given a folder it would also run helpers that are not tests.
//
// A Node process per test file costs about 0.3 s of start-up and module loading, which
// for ~120 files was most of the run. So the files are run in a few groups, each one
// process that imports its files one after another, each file inside its own describe()
// named by its path: a file's top-level before/after hooks stay scoped to that file (node
// attaches them to the enclosing suite) and a failure names the file it is in. The groups
// run side by side (--test-concurrency). `node dist/scripts/run-tests.js --isolated` runs
// a process per file as before; any other argument goes to node --test
// (e.g. --test-name-pattern).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = (readdirSync(dist, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.js') && !f.includes('node_modules'))
  .map((f) => join(dist, f))
  .sort();
if (files.length === 0) {
  console.error('no test files under dist/: run npm run build first');
  process.exit(1);
}
const args = process.argv.slice(2);
const isolated = args.includes('--isolated');
const nodeArgs = args.filter((a) => a !== '--isolated');
// Two cores: two groups at a time; more groups than that even out their lengths.
const CONCURRENCY = 2;
const GROUPS = 4;

// The SDK's notice about its future Node requirement is not a test result.
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
let targets = files.map((f) => relative(process.cwd(), f));
let groupDir: string | undefined;
if (!isolated) {
  groupDir = mkdtempSync(join(tmpdir(), 'skyql-tests-'));
  // Larger files first, each to the group with the least so far (by size, a fair guess
  // at duration): the groups end at about the same time.
  const sized = files.map((f) => ({ f, size: statSync(f).size })).sort((a, b) => b.size - a.size);
  const groups = Array.from({ length: GROUPS }, () => ({ size: 0, files: [] as string[] }));
  for (const { f, size } of sized) {
    const g = groups.reduce((a, b) => (b.size < a.size ? b : a));
    g.files.push(f);
    g.size += size;
  }
  targets = groups
    .filter((g) => g.files.length > 0)
    .map((g, i) => {
      const lines = [
        "import { describe } from 'node:test';",
        ...g.files.sort().map((f) => `describe(${JSON.stringify(relative(process.cwd(), f))}, async () => { await import(${JSON.stringify(pathToFileURL(f).href)}); });`),
      ];
      const entry = join(groupDir!, `group-${i + 1}.mjs`);
      writeFileSync(entry, lines.join('\n') + '\n');
      return entry;
    });
}
const r = spawnSync(process.execPath, ['--test', `--test-concurrency=${CONCURRENCY}`, ...nodeArgs, ...targets], { stdio: 'inherit', env });
if (groupDir) rmSync(groupDir, { recursive: true, force: true });
process.exit(r.status ?? 1);

// Runs every compiled *.test.js under dist/ with node's test runner. Node 20's runner
// takes no globs, and given a folder it would also run helpers that are not tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = (readdirSync(dist, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.test.js') && !f.includes('node_modules'))
  .map((f) => relative(process.cwd(), join(dist, f)))
  .sort();
if (files.length === 0) {
  console.error('no test files under dist/: run npm run build first');
  process.exit(1);
}
// The SDK's notice about its future Node requirement is not a test result.
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...process.argv.slice(2), ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);

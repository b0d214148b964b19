// Golden files of read plans (test/golden/plans/<name>.sql → <name>.plan): the calls,
// regions, decoded columns and pushdown answers each query's tables get. A change of plan
// shows up as a diff to review. UPDATE_GOLDEN=1 rewrites the .plan files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Catalog } from '../providers/catalog.js';
import { parseScript } from '../sql/parse.js';
import { formatPlan } from './read-plan.js';
import { sourceFor } from './source-for.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const dir = join(repoRoot(), 'test', 'golden', 'plans');
const catalog = new Catalog();

function planText(sql: string): string {
  const [stmt] = parseScript(sql);
  if (stmt.kind !== 'select') throw new Error('a golden plan is of a SELECT');
  const q = stmt.query;
  return (
    q.tables
      .map((ref) => formatPlan(sourceFor(catalog, ref.provider, ref.service, ref.resource).plan(ref, { corrected: (id, c, v) => q.withPredicate(id, c, v) })))
      .join('\n') + '\n'
  );
}

const queries = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();

test('there are golden plans to compare', () => assert.ok(queries.length >= 8, `${queries.length} in ${dir}`));

for (const file of queries) {
  test(`plan golden: ${file}`, () => {
    const got = planText(readFileSync(join(dir, file), 'utf8'));
    const goldenPath = join(dir, file.replace(/\.sql$/, '.plan'));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenPath, got);
    assert.ok(existsSync(goldenPath), `${goldenPath} is missing: run with UPDATE_GOLDEN=1 and review it`);
    assert.equal(got, readFileSync(goldenPath, 'utf8'));
  });
}

// The example statements of the seed page (shared/seed/aws.apigatewayv2.integrations.txt),
// read from the contract file itself so the tests run them verbatim.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

const page = readFileSync(join(repoRoot, '..', 'shared', 'seed', 'aws.apigatewayv2.integrations.txt'), 'utf8');

function pick(re: RegExp, what: string): string {
  const m = page.match(re);
  if (!m) throw new Error(`the seed page has no ${what} example`);
  return m[0];
}

const selects = (page.match(/^SELECT\n[\s\S]*?;$/gm) ?? []).filter((s) => s.includes('\nFROM '));
if (selects.length !== 2) throw new Error(`expected the seed page's two SELECT examples, found ${selects.length}`);

export const SEED = {
  /** "Gets all integrations in a region." */
  list: selects[0],
  /** "Gets all properties from an individual integration.", with `<ApiId>|<IntegrationId>`. */
  get: selects[1],
  insert: pick(/^\/\*\+ create \*\/\nINSERT[\s\S]*?;$/m, 'INSERT'),
  /** With `<ApiId|IntegrationId>` to fill in. */
  delete: pick(/^\/\*\+ delete \*\/\nDELETE[\s\S]*?;$/m, 'DELETE'),
  /** The columns both SELECT examples name, in order. */
  columns: selects[0].split('\n').slice(1, -2).map((l) => l.replace(/,$/, '')),
};

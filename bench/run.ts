// `npm run bench`: every benchmark, one after another, figures on stdout.
import { benchCatalog } from './catalog-bench.js';
import { benchLocalCloud } from './local-bench.js';
import { benchListWithLatency, benchSqlPart, benchThrottled } from './select-bench.js';
import { benchSrv } from './srv-bench.js';

const only = process.argv[2];
const suites: [string, () => Promise<string[]> | string[]][] = [
  ['catalog', benchCatalog],
  ['local', benchLocalCloud],
  ['sql', benchSqlPart],
  ['list', benchListWithLatency],
  ['throttle', benchThrottled],
  ['srv', benchSrv],
];

for (const [name, run] of suites) {
  if (only && only !== name) continue;
  process.stderr.write(`running ${name}…\n`);
  for (const line of await run()) console.log(line);
}

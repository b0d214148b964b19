// `skyql srv` with Debian's psql: the seed page's two SELECTs and an INSERT … /*+ AWAIT */,
// and errors as psql shows them.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { SEED } from '../support/seed-page.js';
import { INTEGRATION, PSQL, psql, startSrv, type SrvFixture } from './srv-harness.js';

const skip = existsSync(PSQL) ? false : `${PSQL} is not installed (.ci/run installs postgresql-client)`;

/** Unaligned output → header and rows (the footer dropped). */
function table(out: string): { header: string[]; rows: string[][] } {
  const lines = out.trimEnd().split('\n').filter((l) => !/^\(\d+ rows?\)$/.test(l) && !/^(INSERT|SELECT) /.test(l));
  const [header, ...rows] = lines.map((l) => l.split('\t'));
  return { header, rows };
}

describe('skyql srv with psql', { skip }, () => {
  let f: SrvFixture;
  before(async () => {
    f = await startSrv();
  });
  after(() => f.close());

  test("the seed page's list SELECT", async () => {
    const r = await psql(f, SEED.list);
    assert.equal(r.code, 0, r.stderr);
    const { header, rows } = table(r.stdout);
    assert.deepEqual(header, SEED.columns);
    assert.equal(rows.length, 2);
    const id = header.indexOf('integration_id');
    assert.deepEqual(rows.map((row) => `${f.apiId}|${row[id]}`).sort(), [...f.identifiers].sort());
    assert.match(r.stdout, /\(2 rows\)\n$/);
  });

  test("the seed page's get SELECT", async () => {
    const r = await psql(f, SEED.get.replace('<ApiId>|<IntegrationId>', f.identifiers[1]));
    assert.equal(r.code, 0, r.stderr);
    const { header, rows } = table(r.stdout);
    assert.equal(rows.length, 1);
    assert.equal(rows[0][header.indexOf('integration_uri')], 'https://example.com/1');
    assert.equal(rows[0][header.indexOf('timeout_in_millis')], '5001');
  });

  test('an INSERT … /*+ AWAIT */ creates the integration and reports it done', async () => {
    const r = await psql(
      f,
      `INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationType, IntegrationUri, IntegrationMethod, PayloadFormatVersion, region)
       SELECT '${f.apiId}', 'HTTP_PROXY', 'https://example.com/psql', 'GET', '1.0', 'us-east-1' /*+ AWAIT */`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\nINSERT 0 1\n$/);
    const { header, rows } = table(r.stdout);
    assert.equal(rows[0][header.indexOf('operation_status')], 'SUCCESS');
    const identifier = rows[0][header.indexOf('identifier')];
    const got = await f.cloud.client().send(new GetResourceCommand({ TypeName: INTEGRATION, Identifier: identifier }));
    assert.equal(JSON.parse(got.ResourceDescription!.Properties!).IntegrationUri, 'https://example.com/psql');
  });

  test('errors as psql shows them: SQLSTATE, the position of a syntax error, hints', async () => {
    const syntax = await psql(f, 'SELECT api_id FROM aws.apigatewayv2.integrations WHER region = 1');
    assert.equal(syntax.code, 1);
    assert.match(syntax.stderr, /^ERROR: {2}syntax error at line 1, column \d+/m);
    assert.match(syntax.stderr, /^LINE 1: .*integrations WHER region = 1\n {2,}\^$/m, 'psql draws the line and a caret from the position');
    const column = await psql(f, "SELECT nope FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1'", { PGOPTIONS: '-c skyql.dry_run=off' }, 'tester');
    assert.match(column.stderr, /ERROR: {2}Unknown column 'nope'/);
    const region = await psql(f, 'SELECT api_id FROM aws.apigatewayv2.integrations');
    assert.match(region.stderr, /HINT: {2}SELECT api_id FROM aws\.apigatewayv2\.integrations WHERE region = 'us-east-1'/);
  });
});

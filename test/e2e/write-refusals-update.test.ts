// Every UPDATE and DELETE skyql refuses is refused before it makes a single call. Three
// witnesses: the cloud's own request history (ListResourceRequests), what the cloud holds,
// and a proxy in front of the cloud that counts every HTTP request the CLI sends.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetResourceCommand } from '@aws-sdk/client-cloudcontrol';
import { execSql } from '../support/exec-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { refused } from '../support/request-witness.js';

let cloud: TestCloud;
let apiId: string;
let integration: string;

before(async () => {
  cloud = await startTestCloud();
  apiId = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: 'refusals', ProtocolType: 'HTTP' })).Identifier!;
  integration = (await cloud.create('AWS::ApiGatewayV2::Integration', { ApiId: apiId, IntegrationType: 'HTTP_PROXY', Description: 'keep' })).Identifier!;
});

after(() => cloud.close());



const UPDATE = 'UPDATE aws.apigatewayv2.integrations';
const DELETE = 'DELETE FROM aws.apigatewayv2.integrations';

test('UPDATE: create-only (api_id), read-only (integration_id) and unknown columns, and region, in SET', async () => {
  const where = `WHERE data__Identifier = '${integration}' AND region = 'us-east-1'`;
  await refused(cloud, 
    [`${UPDATE} SET api_id = 'other12345' ${where}`, /api_id cannot be updated: create-only/],
    [`${UPDATE} SET ApiId = 'other12345', description = 'x' ${where}`, /api_id cannot be updated: create-only/],
    [`${UPDATE} SET integration_id = 'x' ${where}`, /integration_id cannot be updated: read-only/],
    [`${UPDATE} SET descripton = 'x' ${where}`, /Unknown column 'descripton'.*Did you mean 'description'\?/i],
    [`${UPDATE} SET region = 'eu-west-1' ${where}`, /region cannot be SET/],
    // Before the read that a WHERE on other columns needs, too.
    [`${UPDATE} SET api_id = 'other12345' WHERE description = 'keep' AND region = 'us-east-1'`, /api_id cannot be updated: create-only/],
  );
});

test('UPDATE: a patch document touching a create-only or read-only path, or not a valid patch', async () => {
  const where = `WHERE data__Identifier = '${integration}' AND region = 'us-east-1'`;
  const patch = (doc: string) => `${UPDATE} SET data__PatchDocument = string('${doc}') ${where}`;
  await refused(cloud, 
    [patch('[{"op":"replace","path":"/ApiId","value":"other12345"}]'), /ApiId cannot be patched: create-only/],
    [patch('[{"op":"replace","path":"/IntegrationId","value":"x"}]'), /IntegrationId cannot be patched: read-only/],
    [patch('[{"op":"replace","path":"/Description",'), /data__PatchDocument is not valid JSON/],
    [patch('{"op":"replace","path":"/Description","value":"x"}'), /non-empty JSON array/],
    [patch('[{"op":"replace","path":"/Descripton","value":"x"}]'), /no property 'Descripton'.*Did you mean 'Description'\?/],
    [patch('[{"op":"frobnicate","path":"/Description","value":"x"}]'), /"op" must be one of/],
    [patch('[{"op":"replace","path":"/Description"}]'), /"replace" needs a "value"/],
    [`${UPDATE} SET data__PatchDocument = string('[{"op":"replace","path":"/Description","value":"x"}]'), timeout_in_millis = 5 ${where}`, /cannot be combined/],
    // Before the read that a WHERE on other columns needs, too.
    [`${UPDATE} SET data__PatchDocument = '[{"op":"remove","path":"/ApiId"}]' WHERE description = 'keep' AND region = 'us-east-1'`, /ApiId cannot be patched/],
  );
});

test('UPDATE and DELETE with only region in WHERE, or no WHERE, are refused without --allow-unbounded', async () => {
  const unbounded = /--allow-unbounded/;
  await refused(cloud, 
    [`${UPDATE} SET description = 'all' WHERE region = 'us-east-1'`, unbounded],
    [`${UPDATE} SET description = 'all'`, unbounded],
    [`${DELETE} WHERE region = 'us-east-1'`, unbounded],
    [`${DELETE}`, unbounded],
    [`DELETE FROM aws.apigatewayv2.apis WHERE region IN ('us-east-1', 'eu-west-1')`, unbounded],
  );
});

test('--allow-unbounded lets the same UPDATE through (the refusal is the flag, not the statement)', async () => {
  const r = await execSql(cloud, `${UPDATE} SET description = 'all' WHERE region = 'us-east-1'`, { allowUnbounded: true, await: true, output: 'json' });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    (JSON.parse(r.stdout) as Record<string, unknown>[]).map((e) => [e.identifier, e.operation_status]),
    [[integration, 'SUCCESS']],
  );
  const got = await cloud.client().send(new GetResourceCommand({ TypeName: 'AWS::ApiGatewayV2::Integration', Identifier: integration }));
  assert.equal((JSON.parse(got.ResourceDescription!.Properties!) as { Description: string }).Description, 'all');
});

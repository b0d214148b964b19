// Issue 10, catalog and engine: what the registry schemas say about a type, used before
// any call. Types Cloud Control cannot provision are listed but refused; actions without a
// handler are refused; an INSERT outside an enum or without a required property is
// refused; a write-only column is never read (NULL). Witness: a recording proxy between
// the engine and the local cloud, which sees every call.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { objects, runScript } from '../support/engine-harness.js';
import { startTestCloud, type TestCloud } from '../support/local-cloud.js';
import { recordingProxy } from '../support/request-witness.js';

let cloud: TestCloud;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;

before(async () => {
  cloud = await startTestCloud();
  proxy = await recordingProxy(cloud);
});

after(async () => {
  await proxy.close();
  await cloud.close();
});

beforeEach(() => {
  proxy.calls.length = 0;
});

const operations = () => proxy.calls.map((c) => c.operation);

async function refusedWithoutCalls(sql: string, message: RegExp): Promise<string> {
  const r = await runScript(proxy.endpoint, sql);
  assert.ok(r.error, `expected ${sql} to be refused`);
  assert.equal(r.error.constructor.name, 'PlanError', sql);
  assert.match(r.error.message, message, sql);
  assert.equal(r.error.message.split('\n').length, 1, `one line: ${r.error.message}`);
  assert.deepEqual(operations(), [], `${sql} made calls`);
  return r.error.message;
}

test('SHOW RESOURCES IN aws.codebuild marks the types Cloud Control cannot provision, and says why', async () => {
  const r = await runScript(proxy.endpoint, 'SHOW RESOURCES IN aws.codebuild');
  assert.equal(r.error, undefined);
  const rows = Object.fromEntries(objects(r.results[0]).map((row) => [row.name, row]));
  assert.deepEqual(rows.projects, {
    name: 'projects',
    id: 'aws.codebuild.projects',
    cloudformation_type: 'AWS::CodeBuild::Project',
    provisionable: 'no',
    note: 'not provisionable through Cloud Control: the registry data has no Cloud Control schema for AWS::CodeBuild::Project',
  });
  assert.equal(rows.fleets.provisionable, 'yes');
  assert.equal(rows.fleets.note, '');
  assert.equal(rows.project_tags, undefined, 'no tags view for a type that cannot be read');
  const methods = await runScript(proxy.endpoint, 'SHOW METHODS IN aws.codebuild.projects');
  assert.deepEqual(methods.results[0].rows, [], 'no methods: it has no handlers');
  assert.deepEqual(operations(), []);
});

test('any statement on a type that is not provisionable fails before a call, saying so in one line', async () => {
  const message = /^aws\.codebuild\.projects is not provisionable through Cloud Control: the registry data has no Cloud Control schema for AWS::CodeBuild::Project\. Newer registry data may have it: refresh vendor\/cfn-registry-schemas\.tar\.gz as vendor\/README\.md says, then npm run build\.$/;
  await refusedWithoutCalls("SELECT name, arn FROM aws.codebuild.projects WHERE region = 'us-east-1'", message);
  await refusedWithoutCalls('SELECT name FROM aws.codebuild.projects', message);
  await refusedWithoutCalls("SELECT * FROM aws.codebuild.projects WHERE region = 'us-east-1' AND data__Identifier = 'p'", message);
  await refusedWithoutCalls("INSERT INTO aws.codebuild.projects (Name, region) VALUES ('p', 'us-east-1')", message);
  await refusedWithoutCalls("DELETE FROM aws.codebuild.projects WHERE region = 'us-east-1' AND data__Identifier = 'p'", message);
  await refusedWithoutCalls("UPDATE aws.codebuild.projects SET description = 'x' WHERE region = 'us-east-1' AND data__Identifier = 'p'", message);
  // A type whose registry schema has no handlers says that instead.
  await refusedWithoutCalls(
    "SELECT * FROM aws.route53.record_sets WHERE region = 'us-east-1'",
    /^aws\.route53\.record_sets is not provisionable through Cloud Control: the registry schema of AWS::Route53::RecordSet has no handlers\./,
  );
});

test('actions a type has no handler for are refused before a call; its handlers still work', async () => {
  // AWS::ACMPCA::Certificate: create, read and delete; no list, no update.
  const m = await runScript(proxy.endpoint, 'SHOW METHODS IN aws.acmpca.certificates');
  assert.deepEqual(m.results[0].rows.map((r) => r[0]), ['create_resource', 'delete_resource', 'get_resource']);
  await refusedWithoutCalls(
    "SELECT arn FROM aws.acmpca.certificates WHERE region = 'us-east-1'",
    /^aws\.acmpca\.certificates cannot be listed: Cloud Control has no list handler for AWS::ACMPCA::Certificate .*data__Identifier = '<Arn>\|<CertificateAuthorityArn>'/,
  );
  await refusedWithoutCalls(
    "UPDATE aws.acmpca.certificates SET template_arn = 'x' WHERE region = 'us-east-1' AND data__Identifier = 'a|b'",
    /^aws\.acmpca\.certificates cannot be updated: Cloud Control has no update handler for AWS::ACMPCA::Certificate .*Delete it and insert it again instead\.$/,
  );
  // A list that needs two keys in ResourceModel (handlers.list.handlerSchema.required).
  await refusedWithoutCalls(
    "SELECT * FROM aws.appconfig.deployments WHERE region = 'us-east-1'",
    /^aws\.appconfig\.deployments cannot be listed by skyql yet: Cloud Control lists AWS::AppConfig::Deployment only given ApplicationId and EnvironmentId\./,
  );
  // By identifier, the read handler answers (here: the local cloud has no such certificate).
  const get = await runScript(proxy.endpoint, "SELECT arn FROM aws.acmpca.certificates WHERE region = 'us-east-1' AND data__Identifier = 'arn:a|arn:b'");
  assert.equal(get.error, undefined);
  assert.deepEqual(operations(), ['GetResource']);
});

test('an INSERT with a value outside the enum is refused before any call, naming the allowed values', async () => {
  const message = await refusedWithoutCalls(
    "INSERT INTO aws.lambda.functions (FunctionName, Code, Role, PackageType, region) VALUES ('f', '{\"ZipFile\":\"x\"}', 'arn:aws:iam::123456789012:role/r', 'Jar', 'us-east-1')",
    /package_type \(PackageType\) in row 1: 'Jar' is not an allowed value: Cloud Control takes one of 'Image', 'Zip'/,
  );
  assert.doesNotMatch(message, /\n/);
  // Integer enums too (AWS::Logs::LogGroup RetentionInDays), in any row of a VALUES list.
  await refusedWithoutCalls(
    "INSERT INTO aws.logs.log_groups (LogGroupName, RetentionInDays, region) VALUES ('a', 7, 'us-east-1'), ('b', 2, 'us-east-1')",
    /retention_in_days \(RetentionInDays\) in row 2: 2 is not an allowed value: Cloud Control takes one of 1, 3, 5, 7, 14, 30/,
  );
  // And SET in an UPDATE.
  await refusedWithoutCalls(
    "UPDATE aws.lambda.functions SET recursive_loop = 'Never' WHERE region = 'us-east-1' AND data__Identifier = 'f'",
    /recursive_loop \(RecursiveLoop\) in SET: 'Never' is not an allowed value: Cloud Control takes one of 'Allow', 'Terminate'/,
  );
});

test('an INSERT omitting a property the registry schema requires is refused before any call', async () => {
  await refusedWithoutCalls(
    "INSERT INTO aws.lambda.functions (FunctionName, Role, region) VALUES ('f', 'arn:aws:iam::123456789012:role/r', 'us-east-1')",
    /INSERT INTO aws\.lambda\.functions is missing required property Code: add it to the column list \(create_resource needs Code, Role, region\)/,
  );
  await refusedWithoutCalls(
    "INSERT INTO aws.lambda.functions (FunctionName, Code, Role, region) VALUES ('f', NULL, 'arn:aws:iam::123456789012:role/r', 'us-east-1')",
    /missing required property Code in row 1/,
  );
});

test('a write-only column is never read from Cloud Control: NULL in a SELECT, and DESCRIBE says why', async () => {
  await cloud.create('AWS::Lambda::Function', {
    FunctionName: 'wo',
    Code: { ZipFile: 'exports.handler = async () => 1' },
    Role: 'arn:aws:iam::123456789012:role/lambda',
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
  });
  proxy.calls.length = 0;
  const r = await runScript(proxy.endpoint, "SELECT function_name, runtime, code FROM aws.lambda.functions WHERE region = 'us-east-1' AND function_name = 'wo'");
  assert.equal(r.error, undefined);
  assert.deepEqual(objects(r.results[0]), [{ function_name: 'wo', runtime: 'nodejs20.x', code: null }]);
  // Asked for nothing but write-only columns, a list is enough: no GetResource for a value never returned.
  proxy.calls.length = 0;
  const only = await runScript(proxy.endpoint, "SELECT function_name, code, snap_start FROM aws.lambda.functions WHERE region = 'us-east-1'");
  assert.equal(only.error, undefined);
  assert.deepEqual(objects(only.results[0]), [{ function_name: 'wo', code: null, snap_start: null }]);
  assert.deepEqual(operations(), ['ListResources']);

  const d = await runScript(proxy.endpoint, 'DESCRIBE aws.lambda.functions');
  const notes = Object.fromEntries(objects(d.results[0]).map((row) => [row.name, row.note]));
  assert.equal(notes.code, 'write-only: Cloud Control never returns it, so SELECT reads NULL');
  assert.equal(notes.runtime, '');
  const x = await runScript(proxy.endpoint, 'DESCRIBE EXTENDED aws.lambda.functions');
  const flags = Object.fromEntries(objects(x.results[0]).map((row) => [row.name, row.flags]));
  assert.equal(flags.code, 'required, write-only');
  assert.equal(flags.function_name, 'create-only');
  assert.equal(flags.arn, 'read-only');
});

test("the integrations page follows the seed: fields in the registry schema's order, the five methods, Permissions per handler", async () => {
  const { renderResourcePage } = await import('../../src/docs/resource-page.js');
  const { defaultCatalog } = await import('../../src/providers/catalog.js');
  const { SEED } = await import('../support/seed-page.js');
  const page = renderResourcePage(defaultCatalog().resolve('aws.apigatewayv2.integrations'));
  const section = (title: string) => page.split(`## ${title}\n`)[1].split('\n## ')[0];
  const fields = section('Fields').split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Name')).map((l) => l.split(' | ')[0].slice(2));
  // The seed's SELECT examples name region first, then every field in the page's order.
  assert.deepEqual(fields, [...SEED.columns.slice(1), 'region']);
  assert.deepEqual(
    section('Methods').split('\n').filter((l) => /^\| \w+_resources? /.test(l)).map((l) => l.split(' | ').map((c) => c.replace(/^\| | \|$/g, ''))),
    [
      ['create_resource', 'INSERT', 'ApiId, IntegrationType, region'],
      ['delete_resource', 'DELETE', 'data__Identifier, region'],
      ['update_resource', 'UPDATE', 'data__Identifier, data__PatchDocument, region'],
      ['list_resources', 'SELECT', 'region'],
      ['get_resource', 'SELECT', 'data__Identifier, region'],
    ],
  );
  const permissions = section('Permissions');
  assert.deepEqual([...permissions.matchAll(/^### (\w+)$/gm)].map((m) => m[1]), ['Create', 'Update', 'Read', 'Delete', 'List']);
  assert.match(permissions, /### Create\n\n```json\napigateway:POST,\niam:PassRole\n```/);
  assert.match(permissions, /### Read\n\n```json\napigateway:GET\n```/);
  assert.ok(page.indexOf('## DELETE example') < page.indexOf('## Permissions'), 'Permissions comes last, as in the seed');
});

test('a page for a type without every handler shows only what it can do; a type that is not provisionable says so', async () => {
  const { renderResourcePage } = await import('../../src/docs/resource-page.js');
  const { defaultCatalog } = await import('../../src/providers/catalog.js');
  const cert = renderResourcePage(defaultCatalog().resolve('aws.acmpca.certificates'));
  assert.doesNotMatch(cert, /Gets all certificates in a region|update_resource|list_resources|### Update|### List/);
  assert.match(cert, /Gets all properties from an individual certificate\./);
  assert.match(cert, /### Create\n/);
  const project = renderResourcePage(defaultCatalog().resolve('aws.codebuild.projects'));
  assert.match(project, /## Methods\n\nNone: AWS::CodeBuild::Project is not provisionable through Cloud Control \(the registry data has no Cloud Control schema for AWS::CodeBuild::Project\)/);
  assert.doesNotMatch(project, /## (SELECT|INSERT|DELETE) example|## Permissions/);
  assert.match(project, /## Fields\n/, 'its fields are still documented, from the specification');
});

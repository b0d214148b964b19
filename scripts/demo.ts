// `npm run demo`: the main job end to end, through the real CLI with --local (the local
// cloud on its default state file, in the command's own process, or the running
// `skyql local`): creates an HTTP API and three integrations with skyql INSERTs, then
// runs the seed's list query for them. Nothing leaves this machine, and the rows stay in
// the local cloud for the user's own queries afterwards.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'skyql.js');

async function skyql(sql: string, ...flags: string[]): Promise<string> {
  process.stdout.write(`\n$ skyql exec --local ${flags.join(' ')}${flags.length ? ' ' : ''}"${sql.replace(/\s+/g, ' ').trim()}"\n`);
  const child = spawn(process.execPath, [bin, 'exec', '--local', sql, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  process.stdout.write(out);
  if (code !== 0) throw new Error(`skyql exited with ${code}`);
  return out;
}

{
  const api = await skyql(
    `INSERT INTO aws.apigatewayv2.apis (Name, ProtocolType, region) VALUES ('demo-api', 'HTTP', 'us-east-1') RETURNING api_id`,
    '-o',
    'text',
  );
  const apiId = api.trim().split('\n')[1];
  await skyql(
    `/*+ AWAIT */ INSERT INTO aws.apigatewayv2.integrations (ApiId, IntegrationType, IntegrationUri, IntegrationMethod, PayloadFormatVersion, TimeoutInMillis, region)
     VALUES ('{{ ApiId }}', 'HTTP_PROXY', 'https://example.com/orders', 'GET', '1.0', 5000, 'us-east-1'),
            ('{{ ApiId }}', 'HTTP_PROXY', 'https://example.com/users', 'GET', '1.0', 10000, 'us-east-1'),
            ('{{ ApiId }}', 'HTTP_PROXY', 'https://example.com/health', 'GET', '1.0', 29000, 'us-east-1')`,
    '--var',
    `ApiId=${apiId}`,
    '-o',
    'csv',
  );
  await skyql(
    `SELECT api_id, integration_id, integration_type, integration_uri, timeout_in_millis
     FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' AND api_id = '{{ ApiId }}' ORDER BY timeout_in_millis`,
    '--var',
    `ApiId=${apiId}`,
  );
  process.stdout.write(`\nThe rows stay in the local cloud: npx skyql exec --local "SELECT api_id, name FROM aws.apigatewayv2.apis WHERE region = 'us-east-1'"\n`);
}

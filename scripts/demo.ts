// `npm run demo`: the main job end to end. Starts the local cloud on a free port, creates
// an HTTP API and three integrations with skyql INSERTs, then runs the seed's list query,
// all through the real CLI. Nothing leaves this machine.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalCloud } from '../src/local/server.js';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'skyql.js');

const cloud = await startLocalCloud({ port: 0, state: ':memory:' });
const env = { ...process.env, AWS_ENDPOINT_URL_CLOUDCONTROL: cloud.endpoint };

// The CLI runs as a child process; the cloud serves it from this process's event loop,
// so the child must be awaited, never waited for synchronously.
async function skyql(sql: string, ...flags: string[]): Promise<string> {
  process.stdout.write(`\n$ skyql exec ${flags.join(' ')}${flags.length ? ' ' : ''}"${sql.replace(/\s+/g, ' ').trim()}"\n`);
  const child = spawn(process.execPath, [bin, 'exec', sql, ...flags], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  process.stdout.write(out);
  if (code !== 0) throw new Error(`skyql exited with ${code}`);
  return out;
}

try {
  console.log(`local cloud: ${cloud.endpoint}`);
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
     FROM aws.apigatewayv2.integrations WHERE region = 'us-east-1' ORDER BY timeout_in_millis`,
  );
} finally {
  await cloud.close();
}

// Shared by the local cloud's end-to-end tests: clients pointed at a local cloud, raw
// wire calls, and the `skyql local` command run as a real process.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudControlClient } from '@aws-sdk/client-cloudcontrol';
import type { CloudControlClientConfig } from '@aws-sdk/client-cloudcontrol';

// The SDK warns once per process that Node 20 support ends; it is noise in test output.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'NodeVersionSupportWarning') console.warn(w);
});

export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export function client(endpoint: string, region = 'us-east-1', extra: Partial<CloudControlClientConfig> = {}): CloudControlClient {
  return new CloudControlClient({ endpoint, region, credentials: CREDENTIALS, ...extra });
}

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/** A SigV4-shaped Authorization header (the local cloud reads the scope; it cannot check signatures). */
export function authorization(region = 'us-east-1', service = 'cloudcontrolapi'): string {
  return (
    `AWS4-HMAC-SHA256 Credential=test/20240101/${region}/${service}/aws4_request, ` +
    `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`
  );
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One AWS JSON 1.0 call made by hand, to see exactly what goes over the wire. */
export async function rawCall(
  endpoint: string,
  operation: string,
  input: unknown,
  opts: { region?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const res = await fetch(endpoint + '/', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `CloudApiService.${operation}`,
      Authorization: authorization(opts.region),
      'X-Amz-Date': '20240101T000000Z',
      ...opts.headers,
    },
    body: opts.body ?? JSON.stringify(input),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export interface LocalProcess {
  child: ChildProcessWithoutNullStreams;
  endpoint: string;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Is `skyql local` registered in the CLI's main? Until it is, tests run the command object in its own process. */
/**
 * Runs `skyql local <args>` as a process and waits for its first line. With `viaBin`, through
 * bin/skyql.js; otherwise the `local` command object alone in a fresh Node process.
 */
export function spawnLocal(args: string[], opts: { viaBin?: boolean } = {}): Promise<LocalProcess> {
  const root = packageRoot();
  const argv = opts.viaBin
    ? [join(root, 'bin', 'skyql.js'), 'local', ...args]
    : [
        '--input-type=module',
        '-e',
        `import { localCommand } from ${JSON.stringify(join(root, 'dist', 'src', 'cli', 'local-command.js'))};
         localCommand().parseAsync(process.argv.slice(1), { from: 'user' }).catch((e) => {
           process.stderr.write('skyql: ' + e.message + '\\n');
           process.exit(1);
         });`,
        '--',
        ...args,
      ];
  const child = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`skyql local did not start in 10 s. stdout: ${out} stderr: ${err}`));
    }, 10_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^skyql local cloud listening on (http:\/\/\S+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, endpoint: m[1], stdout: () => out, stderr: () => err, exited });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`skyql local exited (${code ?? signal}) before listening. stderr: ${err}`));
    });
  });
}

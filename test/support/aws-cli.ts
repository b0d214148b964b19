// The AWS CLI for tests, without a Python start per command (about a second each): one
// Python process makes the CLI's own driver (awscli.clidriver, what the `aws` script
// runs) and gives it each command in turn, its output captured, so argument parsing, the
// request and the output format are the CLI's. Where the CLI's driver cannot be imported by python3 (an `aws`
// that is not the Python package), every command runs `aws` as its own process instead.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface AwsCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface AwsCli {
  /** `aws ARGS…`: its exit code and output. */
  run(args: string[]): Promise<AwsCliResult>;
  close(): void;
}

const DRIVER = `
import contextlib, io, json, sys
from awscli.clidriver import create_clidriver
sys.__stdout__.write('ready\\n')
sys.__stdout__.flush()
driver = create_clidriver()
for line in sys.stdin:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = driver.main(json.loads(line))
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
    sys.__stdout__.write(json.dumps({'code': code, 'stdout': out.getvalue(), 'stderr': err.getvalue()}) + '\\n')
    sys.__stdout__.flush()
`;

export async function hasAwsCli(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** The AWS CLI with this environment (the whole of it: nothing is inherited). */
export async function awsCli(env: Record<string, string | undefined>): Promise<AwsCli> {
  const driver = await startDriver(env);
  if (driver) return driver;
  return {
    async run(args) {
      try {
        const { stdout, stderr } = await run('aws', args, { env, timeout: 60_000 });
        return { code: 0, stdout, stderr };
      } catch (e) {
        const err = e as Error & { code?: number; stdout?: string; stderr?: string };
        if (typeof err.code !== 'number') throw e;
        return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
      }
    },
    close() {},
  };
}

async function startDriver(env: Record<string, string | undefined>): Promise<AwsCli | undefined> {
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn('python3', ['-c', DRIVER], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch {
    return undefined;
  }
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<undefined>((resolve) => child.on('close', () => resolve(undefined)));
  child.on('error', () => undefined);
  child.stderr.resume();
  const first = await Promise.race([lines.next(), exited]);
  if (!first || first.done || first.value !== 'ready') {
    child.kill();
    return undefined;
  }
  // One command at a time, in the order given.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(args) {
      const result = queue.then(async () => {
        child.stdin.write(JSON.stringify(args) + '\n');
        const next = await Promise.race([lines.next(), exited]);
        if (!next || next.done) throw new Error(`the AWS CLI driver ended during aws ${args.join(' ')}`);
        return JSON.parse(next.value) as AwsCliResult;
      });
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      child.stdin.end();
      child.kill();
    },
  };
}

// Shared by the deploy tests: the engine in-process against a local cloud, a clock that
// never sleeps, the real stackql-deploy examples (read in place from ../shared), and
// what the cloud holds, read with the SDK straight from it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import type { Clock } from '../../src/deploy/clock.js';
import { runDeploy, type RunDeployOptions } from '../../src/deploy/deploy.js';
import { runPlan, type PlanOptions, type PlanResult } from '../../src/deploy/plan.js';
import { formatPlan } from '../../src/deploy/plan-format.js';
import type { DeployOperation, DeployResult } from '../../src/deploy/runner.js';
import { engineRunner } from '../../src/deploy/sql-runner.js';
import { Engine } from '../../src/exec/engine.js';
import { repoRoot } from '../support/cli.js';
import type { TestCloud } from '../support/local-cloud.js';
import '../support/engine-harness.js';

/** The contract: real stackql-deploy example stacks, unchanged (SOURCES.txt says from where). */
export const EXAMPLES = join(repoRoot, '..', 'shared', 'compat', 'stackql-deploy-examples');
export const FIXTURES = join(repoRoot, 'test', 'fixtures');

/** A clock whose sleeps return at once and are recorded (in ms). */
export function fakeClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  return { slept, now: () => performance.now(), sleep: async (ms) => void slept.push(ms) };
}

export interface DeployRun {
  result?: DeployResult;
  error?: Error;
  stderr: string;
  stdout: string;
  /** Write requests the cloud recorded during the run. */
  writes: number;
  slept: number[];
}

/** One deploy operation, in-process, against the cloud; never throws. */
export async function deploy(
  cloud: TestCloud,
  operation: DeployOperation,
  stackDir: string,
  stackEnv: string,
  opts: Partial<RunDeployOptions> & { endpoint?: string } = {},
): Promise<DeployRun> {
  const engine = new Engine({ aws: { endpointUrl: opts.endpoint ?? cloud.endpoint }, await: true });
  const clock = fakeClock();
  let stderr = '';
  let stdout = '';
  const before = await cloud.requests();
  const run: DeployRun = { stderr: '', stdout: '', writes: 0, slept: clock.slept };
  try {
    run.result = await runDeploy(operation, {
      stackDir,
      stackEnv,
      env: { AWS_REGION: 'us-east-1' },
      queries: engineRunner(engine),
      clock,
      stderr: (t) => (stderr += t),
      stdout: (t) => (stdout += t),
      ...opts,
    });
  } catch (e) {
    run.error = e as Error;
  } finally {
    engine.close();
  }
  return { ...run, stderr, stdout, writes: (await cloud.requests()) - before };
}

/** The identifiers of every resource of the type the cloud holds in us-east-1. */
export async function held(cloud: TestCloud, typeName: string, parent?: Record<string, string>): Promise<string[]> {
  const out = await cloud.client().send(new ListResourcesCommand({ TypeName: typeName, ResourceModel: parent ? JSON.stringify(parent) : undefined }));
  return (out.ResourceDescriptions ?? []).map((d) => d.Identifier!);
}

/** A copy of a stack in a temp dir, for tests that edit it; `edit` rewrites one file. */
export function copyStack(from: string): { dir: string; edit(file: string, change: (text: string) => string): void; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-deploy-'));
  cpSync(from, dir, { recursive: true });
  return {
    dir,
    edit(file, change) {
      const path = join(dir, file);
      const before = readFileSync(path, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`the edit of ${file} changed nothing`);
      writeFileSync(path, after);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface PlanRun {
  result?: PlanResult;
  /** The plan as `skyql deploy plan` prints it. */
  text: string;
  error?: Error;
  stderr: string;
  /** Write requests the cloud recorded during the plan. */
  writes: number;
}

/** `deploy plan`, in-process: an engine for the reads and one in dry-run mode for the calls of writes. */
export async function plan(cloud: TestCloud, stackDir: string, stackEnv: string, opts: Partial<PlanOptions> & { endpoint?: string } = {}): Promise<PlanRun> {
  const endpointUrl = opts.endpoint ?? cloud.endpoint;
  const reads = new Engine({ aws: { endpointUrl }, await: true });
  const calls = new Engine({ aws: { endpointUrl }, dryRun: true });
  let stderr = '';
  const before = await cloud.requests();
  const run: PlanRun = { text: '', stderr: '', writes: 0 };
  try {
    run.result = await runPlan({
      stackDir,
      stackEnv,
      env: { AWS_REGION: 'us-east-1' },
      queries: engineRunner(reads),
      callsOf: engineRunner(calls),
      clock: fakeClock(),
      stderr: (t) => (stderr += t),
      stdout: (t) => (stderr += t),
      ...opts,
    });
    run.text = formatPlan(run.result);
  } catch (e) {
    run.error = e as Error;
  } finally {
    reads.close();
    calls.close();
  }
  return { ...run, stderr, writes: (await cloud.requests()) - before };
}

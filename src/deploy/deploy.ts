// skyql deploy's entry: one operation (build, test, teardown) over a stack directory.
import { buildStack } from './build-stack.js';
import { StackRun, type DeployOperation, type DeployOptions, type DeployResult, type ResourceOutcome } from './runner.js';
import { stackExports, writeStackExports } from './stack-exports.js';
import { testResource } from './stack-test.js';
import { collectExports, deleteResource } from './teardown.js';

export interface RunDeployOptions extends DeployOptions {
  /** build and test: write the stack's exports here as JSON. */
  outputFile?: string;
}

export async function runDeploy(operation: DeployOperation, options: RunDeployOptions): Promise<DeployResult> {
  const run = new StackRun(options);
  const started = run.clock.now();
  const { manifest } = run;
  run.progress.start(operation, manifest.name, options.stackEnv, manifest.resources.length, run.dryRun);
  await run.checkProviders();
  let resources: ResourceOutcome[];
  let failure: Error | undefined;
  if (operation === 'build') {
    ({ outcomes: resources, failure } = await buildStack(run, options.onFailure ?? 'error'));
  } else if (operation === 'test') {
    resources = await run.each(manifest.resources, (res) => testResource(run, res));
  } else {
    // Collecting is quiet: its outcomes are not deletions.
    for (const res of manifest.resources) await collectExports(run, res);
    resources = await run.each([...manifest.resources].reverse(), (res) => deleteResource(run, res));
  }
  const seconds = (run.clock.now() - started) / 1000;
  if (failure) {
    // The stack did not reach its state: no exports file, and the report is the error.
    run.progress.line(`${operation} failed after ${seconds.toFixed(2)} s: ${summarize(resources)}`);
    throw failure;
  }
  if (options.outputFile && operation !== 'teardown') {
    if (run.dryRun) run.progress.warn(`dry run: ${options.outputFile} is not written`);
    else writeStackExports(options.outputFile, stackExports(run.context, seconds));
  }
  run.progress.done(operation, summarize(resources), seconds);
  return { operation, stack: manifest.name, env: options.stackEnv, resources, exports: run.context.allExports(), seconds };
}

function summarize(outcomes: ResourceOutcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.action.split(/[,(]/)[0].trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing to do';
}

export type { DeployOperation, DeployResult, ResourceOutcome } from './runner.js';

// skyql deploy build|test|teardown STACK_DIR ENV: stackql-deploy projects
// (stackql_manifest.yml and resources/*.iql) run by skyql's engine in-process.
import { Command, Option } from 'commander';
import type { DeployOperation } from '../deploy/runner.js';
import { engineFrom, localCloudFor, withEngineOptions, type EngineFlags } from './engine-options.js';
import { cancelOnInterrupt } from './exec-command.js';

interface DeployFlags extends EngineFlags {
  env: string[];
  envFile: string;
  showQueries?: boolean;
  outputFile?: string;
}

const ABOUT: Record<DeployOperation, string> = {
  build: 'create or update every resource of a stack, in manifest order, until each passes its statecheck',
  test: "check that every resource of a stack is in its desired state (statecheck), writing nothing",
  teardown: 'delete every resource of a stack, in reverse manifest order, each confirmed gone',
};

function operationCommand(operation: DeployOperation): Command {
  const cmd = new Command(operation)
    .description(ABOUT[operation])
    .argument('<stack_dir>', 'the stack directory: stackql_manifest.yml and resources/*.iql')
    .argument('<env>', 'the environment (stack_env in templates, the key of per-environment values)')
    .option('-e, --env <KEY=VALUE>', 'an environment variable for the globals (repeatable; wins over --env-file)', (v: string, acc: string[]) => [...acc, v], [])
    .addOption(new Option('--env-file <file>', 'environment variables for the globals, KEY=VALUE lines').default('.env'))
    .option('--show-queries', 'print each query on stderr as it runs');
  if (operation !== 'teardown') cmd.option('--output-file <file>', "write the stack's exports (the manifest's top-level exports) to this file as JSON");
  // The shared options, said as deploy means them: --dry-run renders and prints every
  // query and runs none, writes always wait for their requests, --var/--iqldata add to -e.
  withEngineOptions(cmd);
  reword(cmd, '--dry-run', 'render every query with the stack context and print it (stdout); run none, call nothing');
  reword(cmd, '--var', 'like -e: an environment variable for the globals (repeatable)');
  reword(cmd, '--iqldata', 'environment variables for the globals from a JSON or YAML file');
  cmd.options.find((o) => o.long === '--await')?.hideHelp();
  return cmd.action(async (stackDir: string, stackEnv: string, flags: DeployFlags, command: Command) => {
    const { runDeploy } = await import('../deploy/deploy.js');
    const { loadDeployEnv } = await import('../deploy/env-file.js');
    const { engineRunner } = await import('../deploy/sql-runner.js');
    const extra = await extraVars(flags);
    const explicitEnvFile = command.getOptionValueSource('envFile') === 'cli';
    const env = { ...extra, ...loadDeployEnv(flags.envFile, explicitEnvFile, flags.env) };
    const local = flags.dryRun ? undefined : await localCloudFor(flags);
    const interrupt = cancelOnInterrupt();
    const engine = flags.dryRun
      ? undefined
      : engineFrom({ ...flags, endpointUrl: local?.endpointUrl ?? flags.endpointUrl, dryRun: false, await: true }, interrupt.signal);
    try {
      await runDeploy(operation, {
        stackDir,
        stackEnv,
        env,
        queries: engine ? engineRunner(engine) : undefined,
        dryRun: flags.dryRun,
        showQueries: flags.showQueries,
        outputFile: flags.outputFile,
        signal: interrupt.signal,
      });
    } finally {
      engine?.close();
      await local?.close();
      interrupt.dispose();
    }
  });
}

function reword(cmd: Command, long: string, description: string): void {
  const option = cmd.options.find((o) => o.long === long);
  if (option) option.description = description;
}

/** --iqldata, then --var: the exec-style ways of giving values, here environment variables too. */
async function extraVars(flags: DeployFlags): Promise<Record<string, string>> {
  if (flags.var.length === 0 && !flags.iqldata) return {};
  const { loadIqlData, parseVarFlags } = await import('../template/index.js');
  const data = flags.iqldata ? loadIqlData(flags.iqldata) : {};
  const asText = Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const);
  return { ...Object.fromEntries(asText), ...parseVarFlags(flags.var) };
}

export function deployCommand(): Command {
  return new Command('deploy')
    .description('build, test or tear down a stackql-deploy stack (stackql_manifest.yml and resources/*.iql)')
    .addCommand(operationCommand('build'))
    .addCommand(operationCommand('test'))
    .addCommand(operationCommand('teardown'));
}

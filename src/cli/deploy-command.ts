// skyql deploy build|test|teardown|plan STACK_DIR ENV: stackql-deploy projects
// (stackql_manifest.yml and resources/*.iql) run by skyql's engine in-process; and
// skyql deploy init NAME, a starter project.
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { ON_FAILURE, type OnFailure } from '../deploy/on-failure.js';
import type { DeployOperation } from '../deploy/runner.js';
import { engineFrom, localCloudFor, withEngineOptions, type EngineFlags } from './engine-options.js';
import { reportError } from './errors.js';
import { cancelOnInterrupt } from './exec-command.js';

interface DeployFlags extends EngineFlags {
  env: string[];
  envFile: string;
  showQueries?: boolean;
  outputFile?: string;
  onFailure?: OnFailure;
  detailedExitcode?: boolean;
}

const ABOUT: Record<DeployOperation, string> = {
  build: 'create or update every resource of a stack, in manifest order, until each passes its statecheck',
  test: "check that every resource of a stack is in its desired state (statecheck), writing nothing",
  teardown: 'delete every resource of a stack, in reverse manifest order, each confirmed gone',
};

/** The arguments and options every stack command shares. */
function stackCommand(name: string, about: string): Command {
  const cmd = new Command(name)
    .description(about)
    .argument('<stack_dir>', 'the stack directory: stackql_manifest.yml and resources/*.iql')
    .argument('<env>', 'the environment (stack_env in templates, the key of per-environment values)')
    .option('-e, --env <KEY=VALUE>', 'an environment variable for the globals (repeatable; wins over --env-file)', (v: string, acc: string[]) => [...acc, v], [])
    .addOption(new Option('--env-file <file>', 'environment variables for the globals, KEY=VALUE lines').default('.env'))
    .option('--show-queries', 'print each query on stderr as it runs');
  return cmd;
}

/** The shared engine options, said as deploy means them: --var/--iqldata add to -e, writes always wait. */
function withDeployEngineOptions(cmd: Command): Command {
  withEngineOptions(cmd);
  reword(cmd, '--dry-run', 'render every query with the stack context and print it (stdout); run none, call nothing');
  reword(cmd, '--var', 'like -e: an environment variable for the globals (repeatable)');
  reword(cmd, '--iqldata', 'environment variables for the globals from a JSON or YAML file');
  cmd.options.find((o) => o.long === '--await')?.hideHelp();
  return cmd;
}

/** -e, --env-file, --var and --iqldata: the environment the globals see. */
async function deployEnv(flags: DeployFlags, command: Command): Promise<Record<string, string>> {
  const { loadDeployEnv } = await import('../deploy/env-file.js');
  const extra = await extraVars(flags);
  const explicitEnvFile = command.getOptionValueSource('envFile') === 'cli';
  return { ...extra, ...loadDeployEnv(flags.envFile, explicitEnvFile, flags.env) };
}

function operationCommand(operation: DeployOperation): Command {
  const cmd = stackCommand(operation, ABOUT[operation]);
  if (operation !== 'teardown') cmd.option('--output-file <file>', "write the stack's exports (the manifest's top-level exports) to this file as JSON");
  if (operation === 'build') {
    cmd.addOption(
      new Option(
        '--on-failure <mode>',
        'when a resource fails: error (stop), rollback (stop, then delete what this build created, in reverse order; what existed before is never deleted), ignore (go on with the next resources)',
      )
        .choices(ON_FAILURE)
        .default('error'),
    );
  }
  withDeployEngineOptions(cmd);
  return cmd.action(async (stackDir: string, stackEnv: string, flags: DeployFlags, command: Command) => {
    const { runDeploy } = await import('../deploy/deploy.js');
    const { engineRunner } = await import('../deploy/sql-runner.js');
    const env = await deployEnv(flags, command);
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
        onFailure: flags.onFailure,
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

/**
 * plan: what build would do, from live reads, making no write. Exit 0; with
 * --detailed-exitcode, terraform's codes: 0 no changes, 2 changes, 1 error.
 */
function planCommand(): Command {
  const cmd = stackCommand('plan', 'show what build would do per resource (create, update with its patch, or nothing), from live reads; writes nothing')
    .option('--detailed-exitcode', "exit 2 when build would change something, 0 when not, 1 on an error (terraform plan's codes)");
  withDeployEngineOptions(cmd);
  cmd.options.find((o) => o.long === '--dry-run')?.hideHelp();
  return cmd.action(async (stackDir: string, stackEnv: string, flags: DeployFlags, command: Command) => {
    try {
      if (flags.dryRun) throw new UsageError('plan reads the stack live and never writes; for the queries without reading, use build --dry-run');
      const { runPlan } = await import('../deploy/plan.js');
      const { formatPlan } = await import('../deploy/plan-format.js');
      const { engineRunner } = await import('../deploy/sql-runner.js');
      const env = await deployEnv(flags, command);
      const local = await localCloudFor(flags);
      const interrupt = cancelOnInterrupt();
      const endpointUrl = local?.endpointUrl ?? flags.endpointUrl;
      const reads = engineFrom({ ...flags, endpointUrl, dryRun: false, await: true }, interrupt.signal);
      // The same engine in dry-run mode shows the calls of each write build would make.
      const calls = engineFrom({ ...flags, endpointUrl, dryRun: true }, interrupt.signal);
      try {
        const plan = await runPlan({
          stackDir,
          stackEnv,
          env,
          queries: engineRunner(reads),
          callsOf: engineRunner(calls),
          showQueries: flags.showQueries,
          signal: interrupt.signal,
        });
        process.stdout.write(formatPlan(plan));
        if (flags.detailedExitcode && plan.changes > 0) process.exitCode = 2;
      } finally {
        reads.close();
        calls.close();
        await local?.close();
        interrupt.dispose();
      }
    } catch (e) {
      if (!flags.detailedExitcode) throw e;
      // 2 means "changes" here, so a stack problem (usually 2) says 1, as terraform's errors do.
      const code = reportError(e);
      process.exitCode = code === 2 ? 1 : code;
    }
  });
}

function initCommand(): Command {
  return new Command('init')
    .description('write a starter stack for aws (an HTTP API) that builds, tests and tears down as written; never overwrites')
    .argument('<name>', 'the stack name (made lower-case and hyphenated, as stackql-deploy does)')
    .option('--dir <dir>', 'the folder to write it in; it must not exist or be empty (default: the name)')
    .action(async (name: string, flags: { dir?: string }) => {
      const { initStack } = await import('../deploy/starter-project.js');
      const r = initStack(name, flags.dir);
      const dir = r.dir.replace(/\/+$/, '');
      const q = /^[\w./-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, `'\\''`)}'`;
      process.stdout.write(
        `wrote stack '${r.name}' in ${dir}/:\n${r.files.map((f) => `  ${dir}/${f}\n`).join('')}` +
          `try it on the local cloud:\n` +
          ['plan', 'build', 'test', 'teardown'].map((op) => `  skyql deploy ${op.padEnd(8)} ${q} dev --env-file ${q}/.env.example --local\n`).join(''),
      );
    });
}

export function deployCommand(): Command {
  return new Command('deploy')
    .description('build, test, plan or tear down a stackql-deploy stack (stackql_manifest.yml and resources/*.iql); init starts one')
    .addCommand(operationCommand('build'))
    .addCommand(operationCommand('test'))
    .addCommand(operationCommand('teardown'))
    .addCommand(planCommand())
    .addCommand(initCommand());
}

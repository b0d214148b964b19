import { Command, CommanderError } from 'commander';
import { endOnOutputErrors } from '../output/stream-errors.js';
import { deployCommand } from './deploy-command.js';
import { docsCommand } from './docs-command.js';
import { reportError } from './errors.js';
import { execCommand } from './exec-command.js';
import { localCommand } from './local-command.js';
import { mcpCommand } from './mcp-command.js';
import { shellCommand } from './shell-command.js';
import { srvCommand } from './srv-command.js';

endOnOutputErrors();

const program = new Command('skyql')
  .description('SQL for cloud infrastructure: AWS Cloud Control resources as tables')
  .version('0.1.0')
  .exitOverride()
  .addCommand(execCommand())
  .addCommand(shellCommand())
  .addCommand(docsCommand())
  .addCommand(localCommand())
  .addCommand(deployCommand())
  .addCommand(srvCommand())
  .addCommand(mcpCommand());

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode;
  else process.exitCode = reportError(e);
}

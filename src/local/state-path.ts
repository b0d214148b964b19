// Where `skyql local` keeps its state by default: the XDG data directory.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultStatePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'skyql', 'local-cloud.sqlite');
}

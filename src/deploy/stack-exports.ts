// --output-file: the stack's exports as one JSON object, as stackql-deploy writes them:
// stack_name and stack_env first, then each name the manifest's top-level `exports`
// lists, then elapsed_time. JSON text values are written as the objects they hold.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import type { StackContext } from './context.js';
import { DeployError } from './errors.js';
import { asData } from './manifest-values.js';

export function stackExports(context: StackContext, seconds: number): Record<string, unknown> {
  const out = new Map<string, unknown>([
    ['stack_name', context.stackName],
    ['stack_env', context.stackEnv],
  ]);
  const missing: string[] = [];
  for (const name of context.manifest.exports) {
    if (out.has(name)) continue;
    const v = context.lookup(name);
    if (v.found) out.set(name, asData(v.value));
    else missing.push(name);
  }
  if (missing.length > 0) {
    throw new DeployError(`${context.manifest.file}: the stack exports ${missing.join(', ')}, which no global or resource export set`);
  }
  out.set('elapsed_time', `${seconds.toFixed(3)}s`);
  return Object.fromEntries(out);
}

export function writeStackExports(file: string, data: Record<string, unknown>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  } catch (e) {
    throw new UsageError(`cannot write --output-file ${file}: ${(e as Error).message}`);
  }
}

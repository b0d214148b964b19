// `<state>.endpoint`: where the local cloud that holds a state file listens, so that
// `--local` can use a running `skyql local` instead of failing on its lock. Written once
// the server listens, removed when it closes; a file whose pid is gone is ignored.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

export interface EndpointRecord {
  endpoint: string;
  pid: number;
  /** Started by a command's --local (it ends with that command), not by `skyql local`. */
  embedded: boolean;
}

export function endpointFileOf(state: string): string {
  return `${state}.endpoint`;
}

export function writeEndpoint(state: string, record: EndpointRecord): void {
  writeFileSync(endpointFileOf(state), JSON.stringify(record));
}

export function removeEndpoint(state: string): void {
  try {
    unlinkSync(endpointFileOf(state));
  } catch {
    // Already gone.
  }
}

/** The live server's record for `state`, if a process that is still running wrote one. */
export function readEndpoint(state: string): EndpointRecord | undefined {
  let record: EndpointRecord;
  try {
    record = JSON.parse(readFileSync(endpointFileOf(state), 'utf8')) as EndpointRecord;
  } catch {
    return undefined;
  }
  try {
    process.kill(record.pid, 0);
    return record;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? record : undefined;
  }
}

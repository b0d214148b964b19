// What a server started with --mode may run. The mode is fixed for the server's life:
// an agent cannot widen it, and a write tool the mode forbids is never registered.
import type { Statement } from '../../sql/statement.js';

export type ServerMode = 'read_only' | 'safe' | 'full';
export const SERVER_MODES: ServerMode[] = ['read_only', 'safe', 'full'];

export type WriteKind = 'insert' | 'update' | 'delete';

const WRITES_BY_MODE: Record<ServerMode, WriteKind[]> = {
  read_only: [],
  safe: ['insert', 'update'],
  full: ['insert', 'update', 'delete'],
};

export function writeKinds(mode: ServerMode): WriteKind[] {
  return WRITES_BY_MODE[mode];
}

export const READ_KINDS: Statement['kind'][] = ['select', 'show_providers', 'show_services', 'show_resources', 'show_methods', 'show_insert', 'describe'];

/** The statement's verb as a user writes it, for messages. */
export function verbOf(kind: Statement['kind']): string {
  if (kind === 'describe') return 'DESCRIBE';
  if (kind.startsWith('show_')) return 'SHOW';
  return kind.toUpperCase();
}

export function writeToolName(kind: WriteKind): string {
  return `run_${kind}`;
}

/** The least mode that allows a write of this kind. */
export function modeFor(kind: WriteKind): ServerMode {
  return kind === 'delete' ? 'full' : 'safe';
}

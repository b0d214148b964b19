// A session's engines, one per set of engine options it has used (SET skyql.await, …).
// Engines are not shared between sessions: cancelling a statement destroys its engine's
// Cloud Control clients (failing the calls in flight), which must never touch the calls
// of another client's statement.
import { Engine, type EngineOptions } from '../exec/engine.js';
import type { EngineSettings } from './settings.js';

export class EnginePool {
  private readonly engines = new Map<string, Engine>();

  /** `base`: the server's options (endpoint, profile, catalog); sessions vary the rest. */
  constructor(private readonly base: EngineOptions) {}

  get(s: EngineSettings): Engine {
    const key = `${s.await}|${s.dryRun}|${s.allowUnbounded}|${s.concurrency}`;
    let engine = this.engines.get(key);
    if (!engine) {
      engine = new Engine({ ...this.base, signal: undefined, ...s });
      this.engines.set(key, engine);
    }
    return engine;
  }

  close(): void {
    for (const e of this.engines.values()) e.close();
    this.engines.clear();
  }
}

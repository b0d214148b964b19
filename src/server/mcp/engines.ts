// The engines the tools run statements through, one per way of running, shared by every
// session of the server. None is ever given allowUnbounded except the read-free planner,
// which is a dry run and so cannot write (see validate-statement.ts for why it exists).
import { Engine, type EngineOptions } from '../../exec/engine.js';
import { defaultCatalog, type Catalog } from '../../providers/catalog.js';

export type EngineSettings = Pick<EngineOptions, 'aws' | 'concurrency' | 'cache'> & { catalog?: Catalog };

export class Engines {
  readonly catalog: Catalog;
  private readonly made = new Map<string, Engine>();

  constructor(private readonly settings: EngineSettings = {}) {
    this.catalog = settings.catalog ?? defaultCatalog();
  }

  /** SELECT, SHOW, DESCRIBE. */
  read(): Engine {
    return this.engine('read', {});
  }

  /** A dry run with every check a real run makes: an unpinned UPDATE/DELETE is read (reads only). */
  plan(): Engine {
    return this.engine('plan', { dryRun: true });
  }

  /**
   * A dry run that makes no call at all: an unpinned UPDATE/DELETE shows its reads and one
   * write per match instead of reading. Its caller makes the bounds check itself.
   */
  readFreePlan(): Engine {
    return this.engine('read-free-plan', { dryRun: true, allowUnbounded: true });
  }

  /** Writes, each waiting for its request to end. */
  write(): Engine {
    return this.engine('write', { await: true });
  }

  private engine(key: string, options: EngineOptions): Engine {
    let engine = this.made.get(key);
    if (!engine) {
      // One result cache for every engine: a write through one drops what the others read.
      engine = new Engine({ aws: this.settings.aws, concurrency: this.settings.concurrency, cache: this.settings.cache, catalog: this.catalog, ...options });
      this.made.set(key, engine);
    }
    return engine;
  }

  close(): void {
    for (const engine of this.made.values()) engine.close();
    this.made.clear();
  }
}

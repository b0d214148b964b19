// Runs a script statement by statement: the one entry point the CLI, the shell and the
// Postgres wire server share.
import { defaultCatalog, type Catalog } from '../providers/catalog.js';
import type { ResultSet } from '../output/result-set.js';
import { parseScript } from '../sql/parse.js';
import type { Statement } from '../sql/statement.js';
import { runMetadata } from './metadata.js';

export interface EngineOptions {
  catalog?: Catalog;
}

export interface StatementOutcome {
  statement: Statement;
  result: ResultSet;
}

export class Engine {
  readonly catalog: Catalog;

  constructor(readonly options: EngineOptions = {}) {
    this.catalog = options.catalog ?? defaultCatalog();
  }

  /** Parses the whole script first, so a syntax error anywhere runs nothing. */
  async *run(script: string): AsyncGenerator<StatementOutcome> {
    const statements = parseScript(script);
    for (const statement of statements) {
      yield { statement, result: await this.runStatement(statement) };
    }
  }

  async runStatement(statement: Statement): Promise<ResultSet> {
    switch (statement.kind) {
      case 'select':
        throw new Error('SELECT is not wired yet');
      default:
        return runMetadata(statement, this.catalog);
    }
  }
}

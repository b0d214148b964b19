// EXEC provider.service.resource.method @arg = …: methods that are not a SQL verb.
import { PlanError } from '../errors.js';
import type { ResultSet } from '../contracts/result-set.js';
import { sourceFor } from '../plan/source-for.js';
import { providerError } from '../providers/aws/provider-error.js';
import type { ExecStatement } from '../sql/statement.js';
import { closest } from '../util/closest.js';
import type { WriteContext } from './write-calls.js';
import { plannedCalls, progressEvents } from './write-results.js';

/** Checks the method and its arguments; the result makes the call. */
export function prepareExec(stmt: ExecStatement, ctx: WriteContext): () => Promise<ResultSet> {
  const table = `${stmt.provider}.${stmt.service}.${stmt.resource}`;
  const source = sourceFor(ctx.catalog, stmt.provider, stmt.service, stmt.resource);
  const execs = source.methods().filter((m) => m.sqlVerb === 'EXEC');
  const method = execs.find((m) => m.name === stmt.method.toLowerCase());
  if (!method) {
    const near = closest(stmt.method, execs.map((m) => m.name));
    throw new PlanError(
      execs.length
        ? `${table} has no method '${stmt.method}'.${near ? ` Did you mean '${near}'?` : ''} Run SHOW METHODS IN ${table}.`
        : `${table} has no EXEC methods: use SELECT, INSERT, UPDATE or DELETE (SHOW METHODS IN ${table}).`,
    );
  }
  const args = Object.fromEntries(Object.entries(stmt.args).map(([k, v]) => [k.toLowerCase(), v]));
  const missing = method.requiredParams.filter((p) => !args[p.toLowerCase()]);
  if (missing.length) {
    throw new PlanError(`EXEC ${table}.${method.name} needs ${missing.map((m) => `@${m} = '…'`).join(', ')}.`);
  }
  const token = args.requesttoken;
  const region = args.region;
  return async () => {
    if (ctx.dryRun) return plannedCalls([{ operation: 'CancelResourceRequest', region, typeName: source.def.cfnType, identifier: token }]);
    try {
      const event = await ctx.cloudControl().cancel(region, token, ctx.signal);
      return progressEvents([{ region, event }]);
    } catch (e) {
      throw providerError(e, `CancelResourceRequest '${token}' in ${region}`);
    }
  };
}

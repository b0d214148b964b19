// `skyql srv` under load and interruption: a second client's query runs while the first
// one's slow query is in flight; a statement timeout, a CancelRequest and a client that
// goes away each stop the statement's Cloud Control calls.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { LIST_QUERY, queryError, startSrv, type SrvFixture } from './srv-harness.js';

// Every Cloud Control call takes 100 ms. With one call at a time (skyql.concurrency = 1)
// the list query makes 6 in a row (APIs, integrations, a get per integration): ≥ 600 ms.
const LATENCY = { latencyMs: 100 };
const GET = 'SELECT integration_id FROM aws.apigatewayv2.integrations WHERE region = $1 AND data__Identifier = $2';

async function slowClient(f: SrvFixture): Promise<pg.Client> {
  const c = await f.client();
  await c.query('SET skyql.concurrency = 1');
  return c;
}

/** Resolves once the server has no session with this pid. */
async function sessionGone(f: SrvFixture, before: number): Promise<void> {
  while (f.server.sessions() >= before) await new Promise((r) => setTimeout(r, 10));
}

describe('skyql srv: concurrent clients and cancellation', () => {
  let f: SrvFixture;
  before(async () => {
    f = await startSrv({ cloud: LATENCY, integrations: 4 });
  });
  after(() => f.close());

  test("a second client's query completes while the first client's slow query is in flight", async () => {
    const slow = await slowClient(f);
    const fast = await f.client();
    const firstCall = f.proxy.nextCall();
    let slowDone = false;
    const slowQuery = slow.query(LIST_QUERY).then((r) => {
      slowDone = true;
      return r;
    });
    await firstCall; // the slow query is making its calls
    const started = performance.now();
    const r = await fast.query(GET, ['us-east-1', f.identifiers[0]]);
    const fastMs = performance.now() - started;
    assert.equal(r.rows[0].integration_id, f.identifiers[0].split('|')[1]);
    assert.equal(slowDone, false, `the fast query (${fastMs.toFixed(0)} ms) waited for the slow one`);
    assert.equal((await slowQuery).rowCount, 4);
  });

  test('a CancelRequest with the backend key stops the running statement (57014)', async () => {
    const c = await slowClient(f);
    const { processID, secretKey } = c as unknown as { processID: number; secretKey: number };
    const firstCall = f.proxy.nextCall();
    const failed = queryError(c, LIST_QUERY);
    await firstCall;
    const cancel = Buffer.alloc(16);
    cancel.writeInt32BE(16, 0);
    cancel.writeInt32BE(80877102, 4);
    cancel.writeInt32BE(processID, 8);
    cancel.writeInt32BE(secretKey, 12);
    const s = connect(f.server.port, f.server.host, () => s.end(cancel));
    const e = await failed;
    assert.equal(e.code, '57014');
    assert.match(e.message, /user request/);
  });

  test("a client that disconnects mid-query aborts that query's calls", async () => {
    const c = await slowClient(f);
    const sessions = f.server.sessions();
    const firstCall = f.proxy.nextCall();
    void c.query(LIST_QUERY).catch(() => undefined);
    const call = await firstCall;
    const from = f.proxy.calls.length;
    (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    assert.equal(await call.abandoned, true, 'the call in flight was cut');
    await sessionGone(f, sessions);
    // A quick query on another connection: had the slow one gone on, its next call (or a
    // retry of the cut one) would have come first at this latency.
    const other = await f.client();
    await other.query(GET, ['us-east-1', f.identifiers[0]]);
    assert.deepEqual(f.proxy.calls.slice(from).map((x) => x.operation), ['GetResource'], 'no call of the abandoned query after the client left');
  });
});

describe('statement timeouts', () => {
  let f: SrvFixture;
  before(async () => {
    // Calls of 400 ms (held by the proxy, so seeding is quick): the list query takes
    // 2.4 s, a get 0.4 s, under a 1 s --statement-timeout.
    f = await startSrv({ callDelayMs: 400, integrations: 4, server: { statementTimeoutMs: 1000 } });
  });
  after(() => f.close());

  test('SET statement_timeout cuts the call in flight and answers 57014; the session goes on', async () => {
    const c = await slowClient(f);
    // Half a call: the timeout lands while the first call is in flight.
    await c.query('SET statement_timeout = 200');
    const from = f.proxy.calls.length;
    const e = await queryError(c, LIST_QUERY);
    assert.equal(e.code, '57014');
    assert.match(e.message, /statement timeout/);
    const made = f.proxy.calls.slice(from);
    // (On a loaded machine the first call may not have started yet: then none is made.)
    assert.ok(made.length <= 1, `${made.length} calls: no call after the timeout, and no retry of the one cut`);
    for (const call of made) assert.equal(await call.abandoned, true, 'the call in flight was cut');
    await c.query('RESET statement_timeout');
    assert.equal((await c.query(GET, ['us-east-1', f.identifiers[0]])).rowCount, 1);
  });


  test("--statement-timeout caps every session's statements; a session cannot lift it", async () => {
    const c = await slowClient(f);
    await c.query('SET statement_timeout = 0');
    assert.equal((await queryError(c, LIST_QUERY)).code, '57014');
    await c.query("SET statement_timeout = '1min'");
    assert.equal((await queryError(c, LIST_QUERY)).code, '57014');
    assert.equal((await c.query(GET, ['us-east-1', f.identifiers[0]])).rowCount, 1, 'a quick statement runs');
  });
});

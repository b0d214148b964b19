// `skyql srv` with Python's psycopg 3 (Debian's python3-psycopg, installed by .ci/run):
// the seed's list query, and the get query with server-side bound parameters (psycopg
// sends $1 placeholders through the extended protocol), a hostile parameter staying data.
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { LIST_QUERY, startSrv, type SrvFixture } from './srv-harness.js';

/** The first python3 that has psycopg: Debian's (/usr/bin), or the one on PATH. */
function pythonWithPsycopg(): string | undefined {
  for (const py of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(py, ['-c', 'import psycopg'], { stdio: 'ignore' }).status === 0) return py;
  }
  return undefined;
}

const python = pythonWithPsycopg();
const skip = python ? false : 'no python3 with psycopg 3 here (.ci/run installs python3-psycopg)';

// Rows as JSON lines; parameters from argv, so the test never formats SQL itself.
const SCRIPT = `
import json, sys, psycopg
port, sql, params = int(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
with psycopg.connect(host="127.0.0.1", port=port, user="tester", dbname="skyql", autocommit=True) as conn:
    cur = conn.execute(sql, params or None, prepare=bool(params))
    cols = [d.name for d in cur.description]
    for row in cur.fetchall():
        print(json.dumps(dict(zip(cols, row))))
`;

function runPython(port: number, sql: string, params: unknown[] = []): Promise<{ code: number | null; rows: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(python!, ['-c', SCRIPT, String(port), sql, JSON.stringify(params)]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, rows: out.trim() ? out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [], stderr: err }));
  });
}

describe('skyql srv with psycopg', { skip }, () => {
  let f: SrvFixture;
  before(async () => {
    f = await startSrv();
  });
  after(() => f.close());

  test("the seed's list query", async () => {
    const r = await runPython(f.server.port, LIST_QUERY);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.rows.map((row) => `${String(row.api_id)}|${String(row.integration_id)}`).sort(), [...f.identifiers].sort());
    assert.equal(typeof r.rows[0].timeout_in_millis, 'number');
  });

  test('the get query with bound parameters; a hostile parameter is data', async () => {
    const get = 'SELECT integration_id, timeout_in_millis FROM aws.apigatewayv2.integrations WHERE region = %s AND data__Identifier = %s';
    const r = await runPython(f.server.port, get, ['us-east-1', f.identifiers[1]]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.rows, [{ integration_id: f.identifiers[1].split('|')[1], timeout_in_millis: 5001 }]);
    const hostile = await runPython(f.server.port, get, ['us-east-1', "x' OR '1'='1"]);
    assert.equal(hostile.code, 0, hostile.stderr);
    assert.deepEqual(hostile.rows, []);
  });
});

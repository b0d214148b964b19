// The local cloud's state in SQLite: resources and the history of operation requests.
// WAL with synchronous=FULL: a write is on disk before the request that made it is
// acknowledged, so it survives kill -9. better-sqlite3 is synchronous, so every method
// here is atomic with respect to other requests in this process.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as DatabaseType, Statement } from 'better-sqlite3';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';
export type OperationStatus = 'PENDING' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILED' | 'CANCEL_IN_PROGRESS' | 'CANCEL_COMPLETE';

export interface ResourceRow {
  seq: number;
  region: string;
  type_name: string;
  identifier: string;
  parent_type: string | null;
  parent_id: string | null;
  properties: string;
  id_properties: string;
}

export interface RequestRow {
  seq: number;
  token: string;
  region: string;
  client_token: string | null;
  fingerprint: string | null;
  type_name: string;
  identifier: string | null;
  operation: Operation;
  status: OperationStatus;
  event_time: number;
  due_at: number;
  model: string | null;
  status_message: string | null;
  error_code: string | null;
  injected_error: string | null;
  /** When the request was accepted, epoch seconds: its ClientToken is valid for 36 hours from then. */
  accepted_at: number;
  /** 1 when the caller gave every primary-identifier property of a create, so its events name the resource from the start. */
  id_supplied: number;
}

export interface NewResource {
  region: string;
  typeName: string;
  identifier: string;
  parentType?: string;
  parentId?: string;
  properties: string;
  idProperties: string;
}

export type NewRequest = Omit<RequestRow, 'seq'>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS resources (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  region TEXT NOT NULL,
  type_name TEXT NOT NULL,
  identifier TEXT NOT NULL,
  parent_type TEXT,
  parent_id TEXT,
  properties TEXT NOT NULL,
  id_properties TEXT NOT NULL,
  UNIQUE (region, type_name, identifier)
);
CREATE INDEX IF NOT EXISTS resources_by_type ON resources (region, type_name, seq);
CREATE INDEX IF NOT EXISTS resources_by_parent ON resources (region, type_name, parent_id, seq);
CREATE INDEX IF NOT EXISTS resources_children ON resources (region, parent_type, parent_id);
CREATE TABLE IF NOT EXISTS requests (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  token TEXT NOT NULL UNIQUE,
  region TEXT NOT NULL,
  client_token TEXT,
  fingerprint TEXT,
  type_name TEXT NOT NULL,
  identifier TEXT,
  operation TEXT NOT NULL,
  status TEXT NOT NULL,
  event_time REAL NOT NULL,
  due_at REAL NOT NULL,
  model TEXT,
  status_message TEXT,
  error_code TEXT,
  injected_error TEXT,
  accepted_at REAL,
  id_supplied INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS requests_by_client_token ON requests (region, client_token) WHERE client_token IS NOT NULL;
CREATE INDEX IF NOT EXISTS requests_open ON requests (status, due_at) WHERE status IN ('PENDING', 'IN_PROGRESS', 'CANCEL_IN_PROGRESS');
CREATE INDEX IF NOT EXISTS requests_by_resource ON requests (region, type_name, identifier, status);
CREATE INDEX IF NOT EXISTS resources_across_regions ON resources (type_name, seq);
`;

// Columns added since the first state files; a file without them gets them on open.
const ADDED_COLUMNS: [string, string][] = [
  ['accepted_at', 'REAL'],
  ['id_supplied', 'INTEGER NOT NULL DEFAULT 0'],
];
// Indexes on added columns: created once the columns exist.
const LATE_INDEXES = `
CREATE INDEX IF NOT EXISTS requests_by_time ON requests (event_time);
CREATE INDEX IF NOT EXISTS requests_token_age ON requests (accepted_at) WHERE client_token IS NOT NULL;
`;

const OPEN = `status IN ('PENDING', 'IN_PROGRESS', 'CANCEL_IN_PROGRESS')`;
/** "Resource operation requests expire after 7 days" (Cloud Control API Reference, ListResourceRequests). */
export const REQUEST_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** "A client token is valid for 36 hours once used" (Cloud Control API Reference, CreateResource ClientToken). */
export const CLIENT_TOKEN_VALIDITY_MS = 36 * 3600 * 1000;

export class StateStore {
  readonly db: DatabaseType;
  private readonly s: Record<string, Statement>;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const have = new Set((this.db.prepare(`PRAGMA table_info(requests)`).all() as { name: string }[]).map((c) => c.name));
    for (const [name, decl] of ADDED_COLUMNS) if (!have.has(name)) this.db.exec(`ALTER TABLE requests ADD COLUMN ${name} ${decl}`);
    this.db.exec(LATE_INDEXES);
    const p = (sql: string) => this.db.prepare(sql);
    this.s = {
      getResource: p(`SELECT * FROM resources WHERE region = ? AND type_name = ? AND identifier = ?`),
      getProperties: p(`SELECT properties FROM resources WHERE region = ? AND type_name = ? AND identifier = ?`).pluck(),
      insertResource: p(
        `INSERT INTO resources (region, type_name, identifier, parent_type, parent_id, properties, id_properties)
         VALUES (@region, @typeName, @identifier, @parentType, @parentId, @properties, @idProperties)`,
      ),
      updateResource: p(`UPDATE resources SET properties = ?, id_properties = ? WHERE region = ? AND type_name = ? AND identifier = ?`),
      deleteResource: p(`DELETE FROM resources WHERE region = ? AND type_name = ? AND identifier = ?`),
      children: p(`SELECT type_name, identifier FROM resources WHERE region = ? AND parent_type = ? AND parent_id = ?`),
      // json_each of a string yields that string; of a list, its members.
      referrers: p(
        `SELECT identifier, properties, parent_type, parent_id FROM resources
         WHERE region = ? AND type_name = ? AND EXISTS (SELECT 1 FROM json_each(properties, ?) WHERE value = ?) ORDER BY seq`,
      ),
      listAll: p(
        `SELECT seq, identifier, id_properties FROM resources WHERE region = ? AND type_name = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      listAcross: p(`SELECT seq, identifier, id_properties FROM resources WHERE type_name = ? AND seq > ? ORDER BY seq LIMIT ?`),
      regionOf: p(`SELECT region FROM resources WHERE type_name = ? AND identifier = ? LIMIT 1`).pluck(),
      listChildren: p(
        `SELECT seq, identifier, id_properties FROM resources
         WHERE region = ? AND type_name = ? AND parent_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      insertRequest: p(
        `INSERT INTO requests (token, region, client_token, fingerprint, type_name, identifier, operation, status,
           event_time, due_at, model, status_message, error_code, injected_error, accepted_at, id_supplied)
         VALUES (@token, @region, @client_token, @fingerprint, @type_name, @identifier, @operation, @status,
           @event_time, @due_at, @model, @status_message, @error_code, @injected_error, @accepted_at, @id_supplied)`,
      ),
      getRequest: p(`SELECT * FROM requests WHERE region = ? AND token = ?`),
      byClientToken: p(`SELECT * FROM requests WHERE region = ? AND client_token = ?`),
      openForResource: p(`SELECT token FROM requests WHERE region = ? AND type_name = ? AND identifier = ? AND ${OPEN} LIMIT 1`).pluck(),
      openAnyRegion: p(`SELECT token FROM requests WHERE type_name = ? AND identifier = ? AND ${OPEN} LIMIT 1`).pluck(),
      due: p(`SELECT * FROM requests WHERE ${OPEN} AND due_at <= ? ORDER BY seq`),
      nextDue: p(`SELECT MIN(due_at) FROM requests WHERE ${OPEN}`).pluck(),
      finish: p(`UPDATE requests SET status = ?, event_time = ?, status_message = ?, error_code = ?, model = ? WHERE seq = ?`),
      cancel: p(`UPDATE requests SET status = 'CANCEL_IN_PROGRESS', event_time = ?, due_at = ? WHERE seq = ? AND status IN ('PENDING', 'IN_PROGRESS')`),
      expire: p(`DELETE FROM requests WHERE event_time < ? AND NOT (${OPEN})`),
      // Rows from before accepted_at existed count from their last event.
      releaseTokens: p(`UPDATE requests SET client_token = NULL WHERE client_token IS NOT NULL AND COALESCE(accepted_at, event_time) <= ?`),
    };
  }

  /**
   * Forgets finished requests last changed more than 7 days before `nowMs`, and frees the
   * ClientTokens of requests accepted 36 hours or more before it, so a request that reuses
   * one is new.
   */
  expire(nowMs: number): void {
    this.s.expire.run((nowMs - REQUEST_RETENTION_MS) / 1000);
    this.s.releaseTokens.run((nowMs - CLIENT_TOKEN_VALIDITY_MS) / 1000);
  }

  /** The Region a resource of `typeName` named `identifier` is in, whichever Region that is. */
  regionOf(typeName: string, identifier: string): string | undefined {
    return this.s.regionOf.get(typeName, identifier) as string | undefined;
  }

  getResource(region: string, typeName: string, identifier: string): ResourceRow | undefined {
    return this.s.getResource.get(region, typeName, identifier) as ResourceRow | undefined;
  }

  /** The properties JSON alone: GetResource's hot path. */
  getProperties(region: string, typeName: string, identifier: string): string | undefined {
    return this.s.getProperties.get(region, typeName, identifier) as string | undefined;
  }

  insertResource(r: NewResource): void {
    this.s.insertResource.run({ parentType: null, parentId: null, ...r });
  }

  updateResource(region: string, typeName: string, identifier: string, properties: string, idProperties: string): void {
    this.s.updateResource.run(properties, idProperties, region, typeName, identifier);
  }

  /** Deletes a resource and, recursively, the children that name it as their parent. */
  deleteResource(region: string, typeName: string, identifier: string): number {
    let n = this.s.deleteResource.run(region, typeName, identifier).changes;
    const kids = this.s.children.all(region, typeName, identifier) as { type_name: string; identifier: string }[];
    for (const k of kids) n += this.deleteResource(region, k.type_name, k.identifier);
    return n;
  }

  /** The resources of a type whose top-level `property` (a string, or a list of strings) holds `value`. */
  referrers(region: string, typeName: string, property: string, value: string): Pick<ResourceRow, 'identifier' | 'properties' | 'parent_type' | 'parent_id'>[] {
    return this.s.referrers.all(region, typeName, `$.${JSON.stringify(property)}`, value) as Pick<ResourceRow, 'identifier' | 'properties' | 'parent_type' | 'parent_id'>[];
  }

  /** One page, `limit + 1` rows asked for so the caller knows whether more follow. */
  /** With no `region`, the resources of every Region. */
  listResources(
    region: string | undefined,
    typeName: string,
    parentId: string | undefined,
    afterSeq: number,
    limit: number,
  ): Pick<ResourceRow, 'seq' | 'identifier' | 'id_properties'>[] {
    return (
      region === undefined
        ? this.s.listAcross.all(typeName, afterSeq, limit)
        : parentId === undefined
        ? this.s.listAll.all(region, typeName, afterSeq, limit)
        : this.s.listChildren.all(region, typeName, parentId, afterSeq, limit)
    ) as Pick<ResourceRow, 'seq' | 'identifier' | 'id_properties'>[];
  }

  insertRequest(r: NewRequest): void {
    this.s.insertRequest.run(r);
  }

  getRequest(region: string, token: string): RequestRow | undefined {
    return this.s.getRequest.get(region, token) as RequestRow | undefined;
  }

  requestByClientToken(region: string, clientToken: string): RequestRow | undefined {
    return this.s.byClientToken.get(region, clientToken) as RequestRow | undefined;
  }

  /** The token of an unfinished operation on this resource, if any. */
  openRequestFor(region: string | undefined, typeName: string, identifier: string): string | undefined {
    if (region === undefined) return this.s.openAnyRegion.get(typeName, identifier) as string | undefined;
    return this.s.openForResource.get(region, typeName, identifier) as string | undefined;
  }

  dueRequests(now: number): RequestRow[] {
    return this.s.due.all(now) as RequestRow[];
  }

  nextDueAt(): number | undefined {
    return (this.s.nextDue.get() as number | null) ?? undefined;
  }

  finishRequest(
    seq: number,
    status: OperationStatus,
    eventTime: number,
    message: string | null,
    errorCode: string | null,
    model: string | null,
  ): void {
    this.s.finish.run(status, eventTime, message, errorCode, model, seq);
  }

  cancelRequest(seq: number, eventTime: number, dueAt: number): boolean {
    return this.s.cancel.run(eventTime, dueAt, seq).changes === 1;
  }

  listRequests(
    region: string,
    operations: string[] | undefined,
    statuses: string[] | undefined,
    beforeSeq: number,
    limit: number,
  ): RequestRow[] {
    const where = ['region = ?', 'seq < ?'];
    const args: unknown[] = [region, beforeSeq];
    if (operations?.length) {
      where.push(`operation IN (${operations.map(() => '?').join(', ')})`);
      args.push(...operations);
    }
    if (statuses?.length) {
      where.push(`status IN (${statuses.map(() => '?').join(', ')})`);
      args.push(...statuses);
    }
    args.push(limit);
    return this.db.prepare(`SELECT * FROM requests WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`).all(...args) as RequestRow[];
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

// The eight Cloud Control operations over the state store. Create, Update and Delete are
// checked and recorded at once (IN_PROGRESS) and take effect when due: on a timer, or
// earlier on the first read after their delay, so a status read never sees stale state.
// When one takes effect the service's own rules run, as its handler would (resource-rules.ts:
// references must exist, dependents block a delete, a resource takes what it is placed in).
import { createHash, randomUUID } from 'node:crypto';
import { ACCOUNT_ID, generateAttributes, PARTITION } from './attribute-generator.js';
import { CloudError } from './cloud-error.js';
import { FaultInjector } from './fault-injector.js';
import { validateInput } from './input-shapes.js';
import { MAX_JSON_DEPTH, textDepth } from './json-depth.js';
import { applyPatch, JsonPatchError, parsePatch, parsePointer } from './json-patch.js';
import type { PatchOperation } from './json-patch.js';
import { updatedAttributes } from './derived-attributes.js';
import { homeRegion, namespaceOf } from './namespaces.js';
import { decodePageToken, encodePageToken } from './page-token.js';
import { withDefaults } from './read-defaults.js';
import { isHandlerFailure } from './handler-failure.js';
import { progressEvent } from './progress-event.js';
import { companionRefusal, companionsOf, deleteRefusal, missingReference, place, unmetRequirement } from './resource-rules.js';
import type { Model, World } from './resource-rules.js';
import { identifierModel, identifierOf, TypeRegistry } from './resource-type.js';
import type { ResourceType } from './resource-type.js';
import { assertNoReadOnly, assertValidModel, parseModel } from './schema-validator.js';
import { mayHoldWriteOnly, withoutWriteOnly } from './write-only.js';
import type { Operation, RequestRow, StateStore } from './state-store.js';

export interface CloudOptions {
  /** How long an operation stays IN_PROGRESS; 0 completes it on the next read. */
  opDelayMs?: number;
  faults?: FaultInjector;
  registry?: TypeRegistry;
  /**
   * The time, epoch milliseconds; default Date.now. Event times, when operations are due,
   * ClientToken validity (36 hours) and request history (7 days) follow it, so tests can
   * advance it instead of waiting.
   */
  clock?: () => number;
}

type Input = Record<string, unknown>;

const DEFAULT_REQUEST_PAGE = 20;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const seconds = (ms: number) => ms / 1000;

function notFound(typeName: string, identifier: string): CloudError {
  return new CloudError('ResourceNotFoundException', `Resource of type '${typeName}' with identifier '${identifier}' was not found.`);
}

export class LocalCloud {
  private readonly opDelayMs: number;
  private readonly faults: FaultInjector;
  private readonly registry: TypeRegistry;
  private readonly now: () => number;
  private earliestDue: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private closed = false;

  constructor(
    readonly store: StateStore,
    opts: CloudOptions = {},
  ) {
    this.opDelayMs = Math.max(0, opts.opDelayMs ?? 20);
    this.faults = opts.faults ?? new FaultInjector();
    this.registry = opts.registry ?? new TypeRegistry();
    this.now = opts.clock ?? Date.now;
    store.expire(this.now());
    // Requests a previous run accepted but did not finish: they finish now.
    this.earliestDue = store.nextDueAt();
    this.arm();
  }

  /** Runs one operation; returns the response body (JSON). Throws CloudError. */
  handle(operation: string, region: string, input: Input): string {
    validateInput(operation, input);
    switch (operation) {
      case 'GetResource':
        return this.getResource(region, input);
      case 'ListResources':
        return this.listResources(region, input);
      case 'CreateResource':
        return JSON.stringify({ ProgressEvent: this.createResource(region, input) });
      case 'UpdateResource':
        return JSON.stringify({ ProgressEvent: this.updateResource(region, input) });
      case 'DeleteResource':
        return JSON.stringify({ ProgressEvent: this.deleteResource(region, input) });
      case 'GetResourceRequestStatus':
        return JSON.stringify({ ProgressEvent: progressEvent(this.request(region, input.RequestToken as string)) });
      case 'ListResourceRequests':
        return this.listResourceRequests(region, input);
      case 'CancelResourceRequest':
        return JSON.stringify({ ProgressEvent: this.cancelResourceRequest(region, input.RequestToken as string) });
      default:
        throw new CloudError('UnknownOperationException', `Unknown operation ${operation}`);
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  // ---- reads ----

  private getResource(region: string, input: Input): string {
    this.settle();
    const type = this.registry.get(input.TypeName as string, 'READ');
    const identifier = input.Identifier as string;
    let properties = this.store.getProperties(homeRegion(type.namespace, region), type.name, identifier);
    if (properties === undefined) throw notFound(type.name, identifier);
    // Models are stored without write-only values; a state file from before that may still hold some.
    if (mayHoldWriteOnly(type, properties)) properties = JSON.stringify(withoutWriteOnly(type, JSON.parse(properties) as Input));
    return (
      `{"TypeName":${JSON.stringify(type.name)},"ResourceDescription":{"Identifier":${JSON.stringify(identifier)},` +
      `"Properties":${JSON.stringify(properties)}}}`
    );
  }

  private listResources(region: string, input: Input): string {
    this.settle();
    const type = this.registry.get(input.TypeName as string, 'LIST');
    const model = input.ResourceModel === undefined ? {} : parseModel(input.ResourceModel as string, 'ResourceModel');
    let parentId: string | undefined;
    if (type.parent) {
      const v = model[type.parent.property];
      if (typeof v !== 'string' || v === '') {
        throw new CloudError(
          'InvalidRequestException',
          `Missing Or Invalid ResourceModel property in ${type.name} list handler request input. ` +
            `Required property: [${type.parent.property}]`,
        );
      }
      if (!this.store.getResource(homeRegion(namespaceOf(type.parent.typeName), region), type.parent.typeName, v)) throw notFound(type.parent.typeName, v);
      parentId = v;
    }
    // The handler's own page size; MaxResults is "Reserved" (list-page-sizes.ts).
    const limit = type.listPageSize;
    // A global service's resources are one list from every Region; S3's list handler lists
    // the buckets of every Region (namespaces.ts).
    const listed = type.namespace === 'account-wide-names' ? undefined : homeRegion(type.namespace, region);
    const scope = `resources|${listed ?? '*'}|${type.name}|${parentId ?? ''}`;
    const after = decodePageToken(str(input.NextToken), scope) ?? 0;
    const rows = this.store.listResources(listed, type.name, parentId, after, limit + 1);
    const page = rows.length > limit ? rows.slice(0, limit) : rows;
    let out = `{"TypeName":${JSON.stringify(type.name)},"ResourceDescriptions":[`;
    for (let i = 0; i < page.length; i++) {
      if (i) out += ',';
      out += `{"Identifier":${JSON.stringify(page[i].identifier)},"Properties":${JSON.stringify(page[i].id_properties)}}`;
    }
    out += ']';
    if (rows.length > limit) out += `,"NextToken":${JSON.stringify(encodePageToken(scope, page[page.length - 1].seq))}`;
    return out + '}';
  }

  private request(region: string, token: string): RequestRow {
    this.settle();
    this.store.expire(this.now());
    const row = this.store.getRequest(region, token);
    if (!row) throw new CloudError('RequestTokenNotFoundException', `Request with token ${token} was not found.`);
    return row;
  }

  private listResourceRequests(region: string, input: Input): string {
    this.settle();
    this.store.expire(this.now());
    const filter = (input.ResourceRequestStatusFilter ?? {}) as { Operations?: string[]; OperationStatuses?: string[] };
    const limit = (input.MaxResults as number | undefined) ?? DEFAULT_REQUEST_PAGE;
    const scope = `requests|${region}|${(filter.Operations ?? []).join(',')}|${(filter.OperationStatuses ?? []).join(',')}`;
    const before = decodePageToken(str(input.NextToken), scope) ?? Number.MAX_SAFE_INTEGER;
    const rows = this.store.listRequests(region, filter.Operations, filter.OperationStatuses, before, limit + 1);
    const page = rows.slice(0, limit);
    const out: Record<string, unknown> = { ResourceRequestStatusSummaries: page.map(progressEvent) };
    if (rows.length > limit) out.NextToken = encodePageToken(scope, page[page.length - 1].seq);
    return JSON.stringify(out);
  }

  // ---- writes ----

  private createResource(region: string, input: Input) {
    const type = this.registry.get(input.TypeName as string, 'CREATE');
    const desiredText = input.DesiredState as string;
    const replay = this.replay(region, input, ['CREATE', type.name, desiredText]);
    if (replay) return replay;
    const desired = parseModel(desiredText, 'DesiredState');
    assertNoReadOnly(type, desired);
    assertValidModel(type, desired);
    const model = withoutWriteOnly(type, generateAttributes(type, region, desired, this.now()));
    const supplied = type.primaryIdentifier.every((p) => desired[p] !== undefined);
    return this.accept(region, input, type, 'CREATE', identifierOf(type, model), JSON.stringify(model), ['CREATE', type.name, desiredText], supplied);
  }

  private updateResource(region: string, input: Input) {
    const type = this.registry.get(input.TypeName as string, 'UPDATE');
    const identifier = input.Identifier as string;
    const patchText = input.PatchDocument as string;
    const fingerprint = ['UPDATE', type.name, identifier, patchText];
    const replay = this.replay(region, input, fingerprint);
    if (replay) return replay;
    this.settle();
    const current = this.store.getProperties(homeRegion(type.namespace, region), type.name, identifier);
    if (current === undefined) throw notFound(type.name, identifier);
    this.assertNoOpenRequest(region, type, identifier);
    const ops = this.patchOperations(type, patchText);
    let next: Record<string, unknown>;
    try {
      // The patch applies to the model as read: write-only values are not in it, so an update
      // must resend a required one (pulumi-aws-native#906, terraform-provider-awscc#1613).
      next = applyPatch(withoutWriteOnly(type, JSON.parse(current) as Input), ops);
    } catch (e) {
      if (e instanceof JsonPatchError) throw new CloudError('ValidationException', `Invalid patch document: ${e.message}`);
      throw e;
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      throw new CloudError('ValidationException', 'Invalid patch document: the patched resource model is not a JSON object');
    }
    assertValidModel(type, next);
    return this.accept(region, input, type, 'UPDATE', identifier, JSON.stringify(withoutWriteOnly(type, next)), fingerprint);
  }

  private deleteResource(region: string, input: Input) {
    const type = this.registry.get(input.TypeName as string, 'DELETE');
    const identifier = input.Identifier as string;
    const fingerprint = ['DELETE', type.name, identifier];
    const replay = this.replay(region, input, fingerprint);
    if (replay) return replay;
    this.settle();
    // An identifier that names nothing is accepted; the delete handler then fails with
    // HandlerErrorCode NotFound (finish), which terraform-provider-awscc's delete waiter
    // treats as deleted ("Resource not found error on delete is OK", internal/generic).
    this.assertNoOpenRequest(region, type, identifier);
    return this.accept(region, input, type, 'DELETE', identifier, null, fingerprint);
  }

  private cancelResourceRequest(region: string, token: string) {
    const row = this.request(region, token);
    const now = this.now();
    if (!this.store.cancelRequest(row.seq, seconds(now), now)) {
      throw new CloudError(
        'ConcurrentModificationException',
        `Request ${token} is ${row.status}: only PENDING or IN_PROGRESS requests can be canceled.`,
      );
    }
    this.schedule(now);
    return progressEvent(this.store.getRequest(region, token) as RequestRow);
  }

  private patchOperations(type: ResourceType, text: string): PatchOperation[] {
    // The operation array and object add two levels above each value's own.
    if (textDepth(text, MAX_JSON_DEPTH + 2) > MAX_JSON_DEPTH + 2) {
      throw new CloudError(
        'ValidationException',
        `Invalid patch document: it nests deeper than ${MAX_JSON_DEPTH + 2} levels of objects and arrays (values may nest ${MAX_JSON_DEPTH})`,
      );
    }
    let ops: PatchOperation[];
    try {
      ops = parsePatch(withLeadingSlashes(JSON.parse(text)));
    } catch (e) {
      throw new CloudError('ValidationException', `Invalid patch document: ${(e as Error).message}`);
    }
    const createOnly = new Set<string>();
    const readOnly = new Set<string>();
    for (const op of ops) {
      if (op.op === 'test') continue;
      for (const pointer of op.op === 'move' ? [op.path, op.from as string] : [op.path]) {
        const top = parsePointer(pointer)[0];
        if (top === undefined) {
          throw new CloudError('ValidationException', 'Invalid patch document: a patch cannot replace the whole resource model');
        }
        if (type.createOnly.has(top)) createOnly.add(`/properties/${top}`);
        if (type.readOnly.has(top)) readOnly.add(`/properties/${top}`);
      }
    }
    if (createOnly.size) {
      throw new CloudError('NotUpdatableException', `Invalid patch update: createOnlyProperties [${[...createOnly].join(', ')}] cannot be updated`);
    }
    if (readOnly.size) {
      throw new CloudError('NotUpdatableException', `Invalid patch update: readOnlyProperties [${[...readOnly].join(', ')}] cannot be updated`);
    }
    return ops;
  }

  private assertNoOpenRequest(region: string, type: ResourceType, identifier: string): void {
    // A global service's resource is one resource for every Region: a request from any of them is open on it.
    const open = this.store.openRequestFor(type.namespace === 'global' ? undefined : region, type.name, identifier);
    if (open) {
      throw new CloudError(
        'ConcurrentOperationException',
        `Another operation (request token ${open}) is in progress for resource of type '${type.name}' with identifier '${identifier}'.`,
      );
    }
  }

  /** A retried request (same ClientToken, same content) answers with the original request's event. */
  private replay(region: string, input: Input, fingerprint: string[]) {
    const clientToken = str(input.ClientToken);
    if (!clientToken) return undefined;
    this.settle();
    // A ClientToken is valid for 36 hours once used; after that a request with it is new (state-store.ts).
    this.store.expire(this.now());
    const prior = this.store.requestByClientToken(region, clientToken);
    if (!prior) return undefined;
    if (prior.fingerprint !== hash(fingerprint)) {
      throw new CloudError('ClientTokenConflictException', `The ClientToken '${clientToken}' was already used for a different request.`);
    }
    return progressEvent(prior);
  }

  private accept(
    region: string,
    input: Input,
    type: ResourceType,
    operation: Operation,
    identifier: string,
    model: string | null,
    fingerprint: string[],
    idSupplied = true,
  ) {
    const now = this.now();
    const failure = this.faults.failure();
    const row: Omit<RequestRow, 'seq'> = {
      token: randomUUID(),
      region,
      client_token: str(input.ClientToken) ?? null,
      fingerprint: str(input.ClientToken) ? hash(fingerprint) : null,
      type_name: type.name,
      identifier,
      operation,
      status: 'IN_PROGRESS',
      event_time: seconds(now),
      due_at: now + this.opDelayMs,
      model,
      status_message: null,
      error_code: null,
      injected_error: failure ? JSON.stringify(failure) : null,
      accepted_at: seconds(now),
      id_supplied: idSupplied ? 1 : 0,
    };
    this.store.insertRequest(row);
    this.schedule(row.due_at);
    return progressEvent({ ...row, seq: 0 });
  }

  // ---- completion ----

  /** Finishes every operation whose delay has passed; cheap when none is due. */
  settle(now = this.now()): void {
    if (this.earliestDue === undefined || now < this.earliestDue) return;
    this.store.transaction(() => {
      for (const row of this.store.dueRequests(now)) this.finish(row, now);
    });
    this.earliestDue = this.store.nextDueAt();
    this.arm();
  }

  private finish(row: RequestRow, now: number): void {
    const t = seconds(now);
    const fail = (code: string, message: string) => this.store.finishRequest(row.seq, 'FAILED', t, message, code, row.model);
    if (row.status === 'CANCEL_IN_PROGRESS') {
      this.store.finishRequest(row.seq, 'CANCEL_COMPLETE', t, null, null, row.model);
      return;
    }
    if (row.injected_error) {
      const f = JSON.parse(row.injected_error) as { code: string; message: string };
      return fail(f.code, f.message);
    }
    const identifier = row.identifier as string;
    const type = this.registry.get(row.type_name);
    const home = homeRegion(type.namespace, row.region);
    const current = this.store.getProperties(home, row.type_name, identifier);
    // The service's own rules (resource-rules.ts) run as its handler would, when the operation runs.
    const world = this.world(row.region);
    const ctx = { region: type.namespace === 'global' ? '' : row.region, account: ACCOUNT_ID, partition: PARTITION, now };
    if (row.operation === 'CREATE') {
      const desired = JSON.parse(row.model as string) as Record<string, unknown>;
      const missing = missingReference(type.name, desired, world) ?? unmetRequirement(type.name, desired);
      if (missing) return fail(missing.errorCode, missing.message);
      let parentId: string | undefined;
      if (type.parent) {
        parentId = String(desired[type.parent.property]);
        if (!this.store.getResource(homeRegion(namespaceOf(type.parent.typeName), row.region), type.parent.typeName, parentId)) {
          return fail('NotFound', `Resource of type '${type.parent.typeName}' with identifier '${parentId}' was not found (${type.parent.property} of the new ${type.name}).`);
        }
      }
      // A bucket name taken in any Region is taken (namespaces.ts).
      const taken = current !== undefined || (type.namespace === 'account-wide-names' && this.store.regionOf(type.name, identifier) !== undefined);
      if (taken) return fail('AlreadyExists', `Resource of type '${row.type_name}' with identifier '${identifier}' already exists.`);
      const placed = place(type.name, desired, world);
      if (isHandlerFailure(placed)) return fail(placed.errorCode, placed.message);
      const created = withoutWriteOnly(type, withDefaults(type, placed, world));
      const model = JSON.stringify(created);
      this.store.insertResource({
        region: home,
        typeName: row.type_name,
        identifier,
        parentType: type.parent?.typeName,
        parentId,
        properties: model,
        idProperties: JSON.stringify(identifierModel(type, created)),
      });
      this.createCompanions(row.region, type.name, identifier, created, world);
      this.store.finishRequest(row.seq, 'SUCCESS', t, null, null, model);
      return;
    }
    if (current === undefined) return fail('NotFound', `Resource of type '${row.type_name}' with identifier '${identifier}' was not found.`);
    if (row.operation === 'UPDATE') {
      const previous = JSON.parse(current) as Record<string, unknown>;
      const patched = JSON.parse(row.model as string) as Record<string, unknown>;
      const missing = missingReference(type.name, patched, world, previous);
      if (missing) return fail(missing.errorCode, missing.message);
      // Attributes that follow what changed (a DynamoDB stream turned on or off), and the
      // defaults of what the patch removed.
      const model = withoutWriteOnly(type, withDefaults(type, updatedAttributes(type.name, patched, previous, ctx), world, 'UPDATE'));
      const text = JSON.stringify(model);
      this.store.updateResource(home, row.type_name, identifier, text, JSON.stringify(identifierModel(type, model)));
      this.store.finishRequest(row.seq, 'SUCCESS', t, null, null, text);
      return;
    }
    // A companion (a VPC's default security group) goes only with its owner; the owner takes its companions with it.
    const held = this.store.getResource(home, row.type_name, identifier);
    const owner = held?.parent_type && held.parent_id ? { type: held.parent_type, identifier: held.parent_id } : undefined;
    const refusal = companionRefusal(row.type_name, identifier, JSON.parse(current) as Model, owner) ?? deleteRefusal(row.type_name, identifier, world);
    if (refusal) return fail(refusal.errorCode, refusal.message);
    this.store.deleteResource(home, row.type_name, identifier);
    this.store.finishRequest(row.seq, 'SUCCESS', t, null, null, row.model);
  }

  /**
   * Inserts what the service creates with a new resource (resource-rules.ts, companions),
   * each held by it as a child, so it goes when its owner goes; and theirs in turn.
   */
  private createCompanions(region: string, ownerType: string, ownerId: string, owner: Model, world: World): void {
    for (const c of companionsOf(ownerType, owner, world)) {
      const type = this.registry.get(c.type);
      const home = homeRegion(type.namespace, region);
      const identifier = identifierOf(type, c.model);
      if (this.store.getResource(home, type.name, identifier)) continue;
      this.store.insertResource({
        region: home,
        typeName: type.name,
        identifier,
        parentType: ownerType,
        parentId: ownerId,
        properties: JSON.stringify(c.model),
        idProperties: JSON.stringify(identifierModel(type, c.model)),
      });
      this.createCompanions(region, type.name, identifier, c.model, world);
    }
  }

  /** The resources of a region, as the service rules see them. */
  private world(region: string): World {
    return {
      region,
      get: (typeName, identifier) => {
        const p = this.store.getProperties(homeRegion(namespaceOf(typeName), region), typeName, identifier);
        return p === undefined ? undefined : (JSON.parse(p) as Record<string, unknown>);
      },
      referrers: (typeName, property, value) =>
        this.store.referrers(region, typeName, property, value).map((r) => ({
          identifier: r.identifier,
          properties: JSON.parse(r.properties) as Record<string, unknown>,
          owner: r.parent_type && r.parent_id ? { type: r.parent_type, identifier: r.parent_id } : undefined,
        })),
    };
  }

  private schedule(dueAt: number): void {
    if (this.earliestDue === undefined || dueAt < this.earliestDue) this.earliestDue = dueAt;
    this.arm();
  }

  private arm(): void {
    if (this.closed || this.earliestDue === undefined) return;
    if (this.timer && this.timerAt <= this.earliestDue) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = this.earliestDue;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        try {
          this.settle();
        } catch (e) {
          console.error('skyql local: finishing operations failed:', e);
        }
        this.arm();
      },
      Math.max(0, this.earliestDue - this.now()),
    );
    this.timer.unref();
  }
}

/**
 * Patch paths written without the leading slash (`"path": "RetentionInDays"`, as the Cloud
 * Control User Guide's own update example writes them, resource-operations-update) are
 * accepted as the pointer they name: `/RetentionInDays`.
 */
export function withLeadingSlashes(doc: unknown): unknown {
  if (!Array.isArray(doc)) return doc;
  const fix = (p: unknown) => (typeof p === 'string' && p !== '' && !p.startsWith('/') ? `/${p}` : p);
  return doc.map((op: unknown) => {
    if (typeof op !== 'object' || op === null || Array.isArray(op)) return op;
    const o = op as Input;
    const out: Input = { ...o, path: fix(o.path) };
    if ('from' in o) out.from = fix(o.from);
    return out;
  });
}

function hash(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

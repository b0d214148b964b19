// Cloud Control's request parameters as write columns, as StackQL's providers take them:
// `ClientToken`, `RoleArn` and `TypeVersionId` (or data__ClientToken, …) in an INSERT's
// column list. They go with the CreateResource call, never into DesiredState.
//
// Where a resource has a property of that name (32 types have a ClientToken property,
// 161 a RoleArn), the bare name is the property, as every other column name is; the
// data__ spelling always means the request parameter.
import { PlanError } from '../errors.js';
import type { WriteParameters } from '../providers/aws/cloud-control.js';
import type { ResourceDef } from '../providers/catalog-types.js';

export type RequestParameter = 'ClientToken' | 'RoleArn' | 'TypeVersionId';

export type RequestParameters = Partial<Record<RequestParameter, string>>;

export const REQUEST_PARAMETERS: RequestParameter[] = ['ClientToken', 'RoleArn', 'TypeVersionId'];

// Length and pattern of each, from the Cloud Control API Reference (CreateResource).
const RULES: Record<RequestParameter, { min: number; max: number; pattern: RegExp; example: string }> = {
  ClientToken: { min: 1, max: 128, pattern: /^[-A-Za-z0-9+/=]+$/, example: 'deploy-2024-01-01' },
  RoleArn: { min: 20, max: 2048, pattern: /^arn:.+:iam::[0-9]{12}:role\/.+$/, example: 'arn:aws:iam::123456789012:role/cloudcontrol' },
  TypeVersionId: { min: 1, max: 128, pattern: /^[A-Za-z0-9-]+$/, example: '00000001' },
};

/** The request parameter `name` means for this resource, if it means one. */
export function requestParameterNamed(def: ResourceDef, name: string): RequestParameter | undefined {
  const lower = name.toLowerCase();
  for (const p of REQUEST_PARAMETERS) {
    if (lower === `data__${p.toLowerCase()}`) return p;
    if (lower === p.toLowerCase() && !def.columns.some((c) => c.property?.toLowerCase() === lower)) return p;
  }
  return undefined;
}

/** A parameter's value checked as Cloud Control would, before any call; NULL leaves it unset. */
export function requestParameterValue(p: RequestParameter, v: unknown, where: string): string | undefined {
  if (v === null || v === undefined) return undefined;
  const text = String(v);
  const rule = RULES[p];
  if (text.length < rule.min || text.length > rule.max || !rule.pattern.test(text)) {
    throw new PlanError(
      `${p} ${where}: '${text}' is not a valid ${p} (Cloud Control takes ${rule.min}–${rule.max} characters matching ${rule.pattern.source.slice(1, -1)}, e.g. '${rule.example}').`,
    );
  }
  return text;
}

/** What a write call sends besides its ClientToken (which the call takes apart). */
export function sendable(r: RequestParameters): WriteParameters {
  return { ...(r.RoleArn !== undefined ? { RoleArn: r.RoleArn } : {}), ...(r.TypeVersionId !== undefined ? { TypeVersionId: r.TypeVersionId } : {}) };
}

/** `ClientToken = '…'` and the like lifted from an UPDATE's or DELETE's WHERE, checked. */
export function requestFromWhere(given: Record<string, unknown>): RequestParameters {
  const out: RequestParameters = {};
  for (const [name, value] of Object.entries(given)) {
    const p = REQUEST_PARAMETERS.find((x) => x.toLowerCase() === name.toLowerCase().replace(/^data__/, ''))!;
    if (out[p] !== undefined) throw new PlanError(`${p} is given twice in the WHERE: give it once.`);
    const v = requestParameterValue(p, value, 'in WHERE');
    if (v !== undefined) out[p] = v;
  }
  return out;
}

/**
 * A ClientToken names one request: a statement that gives one may make one call. Checked
 * once the targets are known, before any call.
 */
export function checkOneRequest(verb: string, token: string | undefined, targets: number): void {
  if (token === undefined || targets <= 1) return;
  throw new PlanError(`${verb} matched ${targets} resources but gives one ClientToken '${token}': a token names one request, so pin the statement to one resource or leave the token out.`);
}

/**
 * `SET ClientToken = '…'` (or data__ClientToken, …) in an UPDATE: the indexes of the SET
 * items that are request parameters for this resource, and their checked values.
 */
export function requestFromSets(
  def: ResourceDef,
  sets: { column: string; literal?: unknown }[],
  fromWhere: RequestParameters,
): { at: Set<number>; request: RequestParameters } {
  const at = new Set<number>();
  const request: RequestParameters = { ...fromWhere };
  sets.forEach((s, i) => {
    const p = requestParameterNamed(def, s.column);
    if (!p) return;
    if (!('literal' in s)) throw new PlanError(`SET ${s.column} takes a literal value, such as '${RULES[p].example}'.`);
    if (request[p] !== undefined) throw new PlanError(`${p} is given twice (in SET and WHERE, or twice in SET): give it once.`);
    at.add(i);
    const v = requestParameterValue(p, s.literal, 'in SET');
    if (v !== undefined) request[p] = v;
  });
  if (at.size > 0 && at.size === sets.length) {
    throw new PlanError(`UPDATE … SET ${sets.map((s) => s.column).join(', ')} changes nothing: SET at least one column of the resource besides the request parameters.`);
  }
  return { at, request };
}

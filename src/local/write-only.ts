// Write-only properties (a registry schema's `writeOnlyProperties`: a Lambda function's
// Code, an IAM user's LoginProfile/Password) are inputs Cloud Control never returns: not
// from GetResource or ListResources, not in a ProgressEvent's ResourceModel nor the request
// history (the resource schema's writeOnlyProperties: properties a request may set that a
// read or list never returns, CloudFormation CLI User Guide, resource type schema). The local cloud drops them before a model is stored, so no
// read can leak one, and an update patches the model as read (pulumi-aws-native#906,
// terraform-provider-awscc#1613: an update that does not resend a required write-only
// property fails validation).
import type { ResourceType } from './resource-type.js';

type Model = Record<string, unknown>;

function isObject(v: unknown): v is Model {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Removes `tokens` below `node`; `*` stands for every array item or map value. */
function removePath(node: unknown, tokens: readonly string[], at: number): void {
  if (at >= tokens.length) return;
  const token = tokens[at];
  const last = at === tokens.length - 1;
  if (token === '*') {
    const children = Array.isArray(node) ? node : isObject(node) ? Object.values(node) : [];
    for (const child of children) removePath(child, tokens, at + 1);
    return;
  }
  if (!isObject(node) || !Object.hasOwn(node, token)) return;
  if (last) delete node[token];
  else removePath(node[token], tokens, at + 1);
}

export function hasWriteOnly(type: ResourceType): boolean {
  return type.writeOnly.size > 0 || type.writeOnlyPaths.length > 0;
}

/** The model without its write-only values: a copy where anything is removed, else `model` itself. */
export function withoutWriteOnly(type: ResourceType, model: Model): Model {
  if (!hasWriteOnly(type)) return model;
  const out = structuredClone(model);
  for (const p of type.writeOnly) delete out[p];
  for (const tokens of type.writeOnlyPaths) removePath(out, tokens, 0);
  return out;
}

/**
 * Whether a stored model's JSON text may hold a write-only value: a cheap scan for the
 * properties' keys, so GetResource parses only models that do (state written before write-only
 * values were dropped on the way in).
 */
export function mayHoldWriteOnly(type: ResourceType, text: string): boolean {
  for (const p of type.writeOnly) if (text.includes(`"${p}":`)) return true;
  for (const tokens of type.writeOnlyPaths) if (text.includes(`"${tokens[0]}":`)) return true;
  return false;
}

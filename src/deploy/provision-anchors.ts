// The anchors that build and plan look up, with the checks on them both share: a create
// (or createorupdate), some way to tell whether the resource exists, and its exports.
import { StackError } from './errors.js';
import type { Anchor } from './query-file.js';
import type { ResourceSpec } from './manifest.js';
import type { StackRun } from './runner.js';

export interface ProvisionAnchors {
  cou?: Anchor;
  create: Anchor;
  update?: Anchor;
  exists?: Anchor;
  statecheck?: Anchor;
  exportsAnchor?: Anchor;
}

export function provisionAnchors(run: StackRun, res: ResourceSpec): ProvisionAnchors {
  const cou = run.anchor(res, 'createorupdate');
  const create = cou ?? run.anchor(res, 'create');
  const update = cou ?? run.anchor(res, 'update');
  const exists = run.anchor(res, 'exists');
  const statecheck = run.anchor(res, 'statecheck');
  const exportsAnchor = run.anchor(res, 'exports');
  if (!create) throw new StackError(`${res.file}: resource '${res.name}' has no create or createorupdate anchor; build needs one`);
  if (!cou && !exists && !statecheck && !exportsAnchor) {
    throw new StackError(`${res.file}: resource '${res.name}' has no exists, statecheck or exports anchor, so build cannot tell whether it exists`);
  }
  return { cou, create, update, exists, statecheck, exportsAnchor };
}

/**
 * The exports anchor, when the resource has exports to read (`required`: a query
 * resource must have one); undefined when there is nothing to export.
 */
export function exportsAnchorOf(run: StackRun, res: ResourceSpec, required: boolean): Anchor | undefined {
  const anchor = run.anchor(res, 'exports');
  if (!anchor) {
    if (required || res.exports.length > 0) {
      throw new StackError(`${res.file}: resource '${res.name}' lists exports (${res.exports.map((e) => e.name).join(', ') || 'none'}) but has no exports anchor`);
    }
    return undefined;
  }
  return res.exports.length === 0 && !required ? undefined : anchor;
}

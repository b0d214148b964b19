// The template context of a stack run. Layers, later winning:
//   resource-scoped exports  {{ example_vpc.vpc_id }} (v2: first writer wins, never replaced)
//   stack_name, stack_env, globals (rendered once, in order, from the environment)
//   exports of earlier resources  {{ vpc_id }} (last writer wins)
//   resource_name, this  ({{ this.vpc_id }}: v2's fields of the resource itself)
//   props of the resource, rendered in order, each seeing those above it
// The environment (--env-file, -e) is seen by globals only, as in stackql-deploy v1 and v2.
import { mergeLists, mergeObjects } from '../template/merge-filters.js';
import { StackError } from './errors.js';
import { asData, mentions, renderManifestValue } from './manifest-values.js';
import type { GlobalVar, Manifest, Prop, ResourceSpec } from './manifest.js';

export class StackContext {
  private readonly globals: Record<string, unknown> = {};
  /** Globals that name resource_name: rendered again for each resource (v2's deferred globals). */
  private readonly perResource: GlobalVar[] = [];
  private readonly exported: Record<string, unknown> = {};
  private readonly scoped = new Map<string, Record<string, unknown>>();

  constructor(
    readonly manifest: Manifest,
    readonly stackEnv: string,
    readonly env: Readonly<Record<string, string>>,
  ) {
    const deferred = manifest.globals.findIndex((g) => mentions(g.value, 'resource_name'));
    this.renderGlobals(deferred < 0 ? manifest.globals : manifest.globals.slice(0, deferred), this.globals, undefined);
    if (deferred >= 0) this.perResource = manifest.globals.slice(deferred);
  }

  get stackName(): string {
    return this.manifest.name;
  }

  private base(): Record<string, unknown> {
    return { stack_name: this.manifest.name, stack_env: this.stackEnv };
  }

  private renderGlobals(list: GlobalVar[], into: Record<string, unknown>, resourceName: string | undefined): void {
    for (const g of list) {
      const ctx = { ...this.env, ...this.base(), ...(resourceName === undefined ? {} : { resource_name: resourceName }), ...this.globals, ...into };
      const value = renderManifestValue(g.value, ctx, {
        source: `${this.manifest.file} line ${g.line}, ${g.field} (${g.name})`,
        missingVariableHint: (name) =>
          name === 'resource_name' && resourceName === undefined
            ? 'resource_name is known per resource only'
            : `globals see the environment: pass -e ${name}=… or put ${name}=… in the --env-file (default .env)`,
      });
      if (value === '' || value === null || value === undefined) {
        throw new StackError(`${this.manifest.file} line ${g.line}: global '${g.name}' rendered empty; stackql-deploy requires a value (is the variable it uses set?)`);
      }
      into[g.name] = value;
    }
  }

  /** Every value a resource's templates see, its props rendered. */
  forResource(resource: ResourceSpec): Record<string, unknown> {
    const globals: Record<string, unknown> = {};
    this.renderGlobals(this.perResource, globals, resource.name);
    const ctx: Record<string, unknown> = {
      ...Object.fromEntries(this.scoped),
      ...this.base(),
      ...this.globals,
      ...globals,
      ...this.exported,
      resource_name: resource.name,
      this: this.thisOf(resource.name),
    };
    for (const prop of resource.props) ctx[prop.name] = this.renderProp(prop, resource, ctx);
    return ctx;
  }

  private thisOf(resourceName: string): Record<string, unknown> {
    let own = this.scoped.get(resourceName);
    if (!own) this.scoped.set(resourceName, (own = {}));
    return own;
  }

  private renderProp(prop: Prop, resource: ResourceSpec, ctx: Record<string, unknown>): unknown {
    const where = (line: number) => ({
      source: `${this.manifest.file} line ${line}, ${prop.field}`,
      missingVariableHint: (name: string) => this.missingHint(name, resource),
    });
    let value: unknown;
    if (prop.values) {
      const v = prop.values[this.stackEnv];
      if (!v) {
        const envs = Object.keys(prop.values);
        throw new StackError(
          `${this.manifest.file} line ${prop.line}: ${prop.field} of resource '${resource.name}' has no value for environment '${this.stackEnv}' ` +
            `(values are given for ${envs.length ? envs.join(', ') : 'no environment'}); add values.${this.stackEnv}.value`,
        );
      }
      value = renderManifestValue(v.value, ctx, where(v.line));
    } else if (prop.value !== undefined) {
      value = renderManifestValue(prop.value, ctx, where(prop.valueLine));
    }
    for (const name of prop.merge ?? []) {
      if (!(name in ctx)) throw new StackError(`${this.manifest.file} line ${prop.line}: ${prop.field} merges '${name}', which is not a global, an export or a prop above it`);
      const other = asData(ctx[name]);
      const base = asData(value);
      if (base === undefined || base === null) value = other;
      else if (Array.isArray(base) && Array.isArray(other)) value = mergeLists(base, other);
      else if (isRecord(base) && isRecord(other)) value = mergeObjects(base, other);
      else throw new StackError(`${this.manifest.file} line ${prop.line}: ${prop.field} cannot merge '${name}' (${kind(other)}) into a value that is ${kind(base)}; merge lists into lists and objects into objects`);
    }
    return value;
  }

  /** Sets a resource's exports: unscoped (replacing) and resource-scoped (first value kept). */
  setExports(resourceName: string, values: Record<string, unknown>, onlyUnset = false): void {
    const own = this.thisOf(resourceName);
    for (const [k, v] of Object.entries(values)) {
      if (onlyUnset && k in this.exported) continue;
      this.exported[k] = v;
      if (!(k in own)) own[k] = v;
    }
  }

  /** Fields an exists query returned (v2's this.*), replacing earlier ones. */
  setFields(resourceName: string, fields: Record<string, unknown>): void {
    Object.assign(this.thisOf(resourceName), fields);
  }

  /** A write's result (v2's RETURNING capture): `{{ this.callback.… }}`, `{{ <resource>.callback.… }}`; the latest replaces. */
  setCallback(resourceName: string, result: Record<string, unknown>): void {
    this.thisOf(resourceName).callback = result;
  }

  /** What a resource set itself: its exports (first values) and its exists query's fields. */
  ownValues(resourceName: string): Readonly<Record<string, unknown>> {
    return { ...this.scoped.get(resourceName) };
  }

  /** Every export so far, by name. */
  allExports(): Record<string, unknown> {
    return { ...this.exported };
  }

  /** A name for stack-level exports: an export, a global or stack_name/stack_env. */
  lookup(name: string): { found: boolean; value?: unknown } {
    const all: Record<string, unknown> = { ...this.base(), ...this.globals, ...this.exported };
    return name in all ? { found: true, value: all[name] } : { found: false };
  }

  missingHint(name: string, resource: ResourceSpec): string {
    if (name in this.env) {
      return `${name} is an environment variable, and only globals see those (as in stackql-deploy): add a global {name: ${name.toLowerCase()}, value: "{{ ${name} }}"} and use that`;
    }
    return `define it as a prop of resource '${resource.name}' or a global, or export it from an earlier resource`;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function kind(v: unknown): string {
  return Array.isArray(v) ? 'a list' : isRecord(v) ? 'an object' : `a ${typeof v}`;
}

// Build time: the spec's property types (nested type definitions followed) → Shapes.
import type { ObjectShape, Shape, TypeShapes } from '../shape-types.js';

export interface SpecTypeRef {
  type: string;
  element?: SpecTypeRef;
  types?: SpecTypeRef[];
  reference?: { $ref: string };
}
export interface SpecTypeDefinition {
  name: string;
  properties: Record<string, { type: SpecTypeRef; required?: boolean }>;
}

export function buildShapes(
  properties: Record<string, { type: SpecTypeRef; required?: boolean }>,
  lookup: (id: string) => SpecTypeDefinition | undefined,
): TypeShapes {
  const types: TypeShapes['types'] = {};
  const shape = (t: SpecTypeRef): Shape => {
    switch (t.type) {
      case 'string':
      case 'date-time':
        return 's';
      case 'integer':
        return 'i';
      case 'number':
        return 'n';
      case 'boolean':
        return 'b';
      case 'tag':
        return 't';
      case 'array':
        return { a: t.element ? shape(t.element) : 'j' };
      case 'map':
        return { m: t.element ? shape(t.element) : 'j' };
      case 'union':
        return { u: (t.types ?? []).map(shape) };
      case 'ref': {
        const id = t.reference?.$ref;
        const def = id ? lookup(id) : undefined;
        if (!id || !def) return 'j';
        // Registered before its properties are shaped: recursive types end here.
        if (!types[id]) {
          types[id] = { n: def.name, p: {} };
          Object.assign(types[id], object(def.properties));
        }
        return { r: id };
      }
      default: // json, and anything the spec adds later: accept what CloudFormation would
        return 'j';
    }
  };
  const object = (props: Record<string, { type: SpecTypeRef; required?: boolean }>): ObjectShape => {
    const p: Record<string, Shape> = {};
    const q: string[] = [];
    for (const [name, prop] of Object.entries(props)) {
      p[name] = shape(prop.type);
      if (prop.required) q.push(name);
    }
    return q.length ? { p, q } : { p };
  };
  return { root: object(properties), types };
}

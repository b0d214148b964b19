// Manifest values (globals, props) rendered as stackql-deploy renders them: every string
// through the template engine, lists and mappings item by item, numbers and booleans as
// they are. A string whose template rendered to a JSON object or list (`"{{ tags }}"`)
// becomes that object or list again, as v2 keeps it; plain strings stay strings.
import { renderTemplate } from '../template/render-template.js';
import { hasTemplateSyntax } from '../template/has-template-syntax.js';

export interface ValueSource {
  source: string;
  missingVariableHint: (name: string) => string;
}

export function renderManifestValue(value: unknown, context: Record<string, unknown>, where: ValueSource): unknown {
  if (typeof value === 'string') {
    if (!hasTemplateSyntax(value)) return value;
    const text = renderTemplate(value, context, where);
    return jsonContainerOr(text);
  }
  if (Array.isArray(value)) return value.map((v) => renderManifestValue(v, context, where));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderManifestValue(v, context, where)]));
  }
  return value;
}

function jsonContainerOr(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return text;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return text;
  }
}

/** JSON text from a query row or an env file, parsed when it holds a list or object. */
export function asData(value: unknown): unknown {
  return typeof value === 'string' ? jsonContainerOr(value) : value;
}

/** Does any string inside the value mention `name` in a template? */
export function mentions(value: unknown, name: string): boolean {
  const re = new RegExp(`\\b${name}\\b`);
  if (typeof value === 'string') return hasTemplateSyntax(value) && re.test(value);
  if (Array.isArray(value)) return value.some((v) => mentions(v, name));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => mentions(v, name));
  return false;
}

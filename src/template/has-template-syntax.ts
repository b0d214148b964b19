// Kept apart from the renderer so callers can skip loading nunjucks for plain SQL.
export function hasTemplateSyntax(text: string): boolean {
  return /\{[{%#]/.test(text);
}

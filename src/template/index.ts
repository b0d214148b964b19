export { renderSql, renderTemplate } from './render-template.js';
export { hasTemplateSyntax } from './has-template-syntax.js';
export type { RenderTemplateOptions } from './render-template.js';
export { parseVarFlags, loadIqlData } from './vars.js';
export { TEMPLATE_FILTERS, TEMPLATE_GLOBALS } from './filters.js';
export type { TemplateFilter } from './filters.js';

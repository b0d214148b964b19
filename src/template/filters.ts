// The filters and globals that stackql-deploy registers with Jinja, plus Jinja's `tojson`
// (which nunjucks lacks).
import { randomUUID } from 'node:crypto';
import { base64Encode } from './base64-encode.js';
import { fromJson, toJson } from './json-filters.js';
import { mergeLists, mergeObjects } from './merge-filters.js';
import { generatePatchDocument } from './patch-document.js';
import { sqlEscape, sqlList } from './sql-filters.js';
import { toAwsTagFilters } from './tag-filters.js';

export type TemplateFilter = (value: unknown, ...args: unknown[]) => unknown;

export const TEMPLATE_FILTERS: Readonly<Record<string, TemplateFilter>> = {
  from_json: fromJson,
  tojson: toJson,
  base64_encode: base64Encode,
  merge_lists: mergeLists,
  merge_objects: mergeObjects,
  generate_patch_document: generatePatchDocument,
  sql_list: sqlList,
  sql_escape: sqlEscape,
  to_aws_tag_filters: toAwsTagFilters,
};

export const TEMPLATE_GLOBALS: Readonly<Record<string, unknown>> = {
  uuid: (): string => randomUUID(),
};

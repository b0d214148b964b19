// The discovery tools: answered from the catalog alone, no API calls.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { runMetadata } from '../../exec/metadata.js';
import { rowObjects } from '../../output/format-json.js';
import type { Catalog } from '../../providers/catalog.js';
import { resourceGuide } from './resource-guide.js';
import { resourceName, serviceName } from './table-names.js';
import { DESCRIPTIONS } from './tool-guide.js';
import { errorResult, jsonResult } from './tool-results.js';

const READ_ONLY = { readOnlyHint: true, openWorldHint: false } as const;
const like = z.string().optional().describe("SQL LIKE pattern on the name: % any run, _ one character (case-insensitive), e.g. 'apigateway%'");
const resource = z.string().describe('table name provider.service.resource, e.g. aws.apigatewayv2.integrations');

/** Runs a catalog lookup; a skyql error (an unknown name, with the closest real one) becomes an error result. */
function answer(fn: () => unknown) {
  try {
    return jsonResult(fn());
  } catch (e) {
    return errorResult(e);
  }
}

export function registerCatalogTools(server: McpServer, catalog: Catalog): void {
  server.registerTool(
    'list_providers',
    { title: 'List providers', description: DESCRIPTIONS.list_providers, inputSchema: {}, annotations: READ_ONLY },
    () => answer(() => rowObjects(runMetadata({ kind: 'show_providers' }, catalog))),
  );
  server.registerTool(
    'list_services',
    {
      title: 'List services',
      description: DESCRIPTIONS.list_services,
      inputSchema: { provider: z.string().default('aws').describe('provider name, e.g. aws'), like },
      annotations: READ_ONLY,
    },
    ({ provider, like }) =>
      answer(() => rowObjects(runMetadata({ kind: 'show_services', provider: provider.trim().toLowerCase(), like, extended: false }, catalog))),
  );
  server.registerTool(
    'list_resources',
    {
      title: 'List resources (tables) of a service',
      description: DESCRIPTIONS.list_resources,
      inputSchema: { service: z.string().describe('service, e.g. aws.apigatewayv2 (or apigatewayv2)'), like },
      annotations: READ_ONLY,
    },
    ({ service, like }) =>
      answer(() => {
        const s = serviceName(service);
        return rowObjects(runMetadata({ kind: 'show_resources', ...s, like, extended: false }, catalog));
      }),
  );
  server.registerTool(
    'list_methods',
    { title: 'List methods of a table', description: DESCRIPTIONS.list_methods, inputSchema: { resource }, annotations: READ_ONLY },
    ({ resource }) => answer(() => rowObjects(runMetadata({ kind: 'show_methods', ...resourceName(resource) }, catalog))),
  );
  server.registerTool(
    'describe_resource',
    { title: 'Describe a table', description: DESCRIPTIONS.describe_resource, inputSchema: { resource }, annotations: READ_ONLY },
    ({ resource }) =>
      answer(() => {
        const name = resourceName(resource);
        return resourceGuide(catalog.resource(name.provider, name.service, name.resource), name.provider);
      }),
  );
}

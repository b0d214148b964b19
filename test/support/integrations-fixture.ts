// One HTTP API with integrations described 'a', 'b', 'c', seeded with the SDK, behind a
// recording proxy: the fixture of the write-safety tests, and what the cloud then holds.
import { GetResourceCommand, ListResourcesCommand } from '@aws-sdk/client-cloudcontrol';
import { startTestCloud, type TestCloud } from './local-cloud.js';
import { recordingProxy } from './request-witness.js';

export const INTEGRATION = 'AWS::ApiGatewayV2::Integration';

export interface IntegrationsFixture {
  cloud: TestCloud;
  proxy: Awaited<ReturnType<typeof recordingProxy>>;
  apiId: string;
  /** The integrations' descriptions, sorted, read with the SDK (a list item has the identifier only). */
  descriptions(): Promise<string[]>;
  close(): Promise<void>;
}

export async function integrationsFixture(name: string, descriptions = ['a', 'b', 'c']): Promise<IntegrationsFixture> {
  const cloud = await startTestCloud();
  const proxy = await recordingProxy(cloud);
  const apiId = (await cloud.create('AWS::ApiGatewayV2::Api', { Name: name, ProtocolType: 'HTTP' })).Identifier!;
  for (const d of descriptions) await cloud.create(INTEGRATION, { ApiId: apiId, IntegrationType: 'HTTP_PROXY', Description: d });
  return {
    cloud,
    proxy,
    apiId,
    async descriptions() {
      const c = cloud.client();
      const out = await c.send(new ListResourcesCommand({ TypeName: INTEGRATION, ResourceModel: JSON.stringify({ ApiId: apiId }) }));
      const got = await Promise.all(
        (out.ResourceDescriptions ?? []).map((d) => c.send(new GetResourceCommand({ TypeName: INTEGRATION, Identifier: d.Identifier }))),
      );
      return got.map((g) => (JSON.parse(g.ResourceDescription!.Properties!) as { Description: string }).Description).sort();
    },
    async close() {
      await proxy.close();
      await cloud.close();
    },
  };
}

// Seeds a local cloud state file through the official SDK, fast: creates run concurrently
// on a cloud with no injected latency, then the benchmark restarts on the same file.
import { CloudControlClient, CreateResourceCommand, GetResourceRequestStatusCommand } from '@aws-sdk/client-cloudcontrol';
import { startLocalCloud } from '../src/local/server.js';
import { Limiter } from '../src/exec/limiter.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function create(c: CloudControlClient, type: string, props: Record<string, unknown>): Promise<string> {
  const r = await c.send(new CreateResourceCommand({ TypeName: type, DesiredState: JSON.stringify(props) }));
  for (;;) {
    const s = await c.send(new GetResourceRequestStatusCommand({ RequestToken: r.ProgressEvent!.RequestToken }));
    const ev = s.ProgressEvent!;
    if (ev.OperationStatus === 'SUCCESS') return ev.Identifier!;
    if (ev.OperationStatus === 'FAILED') throw new Error(`seeding ${type} failed: ${ev.StatusMessage}`);
  }
}

/** One HTTP API with `integrations` integrations under it, in us-east-1. */
export async function seedIntegrations(stateFile: string, integrations: number): Promise<void> {
  const cloud = await startLocalCloud({ port: 0, state: stateFile, opDelayMs: 0 });
  const c = new CloudControlClient({ region: 'us-east-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'b', secretAccessKey: 'b' } });
  try {
    const apiId = await create(c, 'AWS::ApiGatewayV2::Api', { Name: 'bench', ProtocolType: 'HTTP' });
    const limiter = new Limiter(32);
    await Promise.all(
      Array.from({ length: integrations }, (_, i) =>
        limiter.run(() =>
          create(c, 'AWS::ApiGatewayV2::Integration', {
            ApiId: apiId,
            IntegrationType: 'HTTP_PROXY',
            IntegrationUri: `https://example.com/${i}`,
            IntegrationMethod: 'GET',
            PayloadFormatVersion: '1.0',
            TimeoutInMillis: 1000 + (i % 1000),
          }),
        ),
      ),
    );
  } finally {
    c.destroy();
    await cloud.close();
  }
}

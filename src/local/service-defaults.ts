// Values a service's read handler returns for properties the caller left out, where the
// registry schema states the default only in prose (or not at all) and AWS documents it
// elsewhere. Kept as data per type, each with its source. The schema's own `default`
// keywords are applied too (read-defaults.ts); these come on top.
import type { Model } from './derived-attributes.js';

/** What a default may depend on: the model, and the resources it names (an integration's API). */
export interface DefaultsContext {
  get(typeName: string, identifier: string): Model | undefined;
}

export type ServiceDefaults = (model: Model, ctx: DefaultsContext) => Model;

export const SERVICE_DEFAULTS: Readonly<Record<string, ServiceDefaults>> = {
  // "For HTTP APIs, the routeSelectionExpression must be ${request.method} ${request.path}.
  // If not provided, this will be the default for HTTP APIs" (AWS::ApiGatewayV2::Api schema,
  // RouteSelectionExpression); API Gateway answers `$request.method $request.path` and an
  // ApiKeySelectionExpression of `$request.header.x-api-key` for an HTTP API, and the same
  // ApiKeySelectionExpression for a WebSocket API (AWS CLI examples `aws apigatewayv2
  // create-api` and `get-api`).
  'AWS::ApiGatewayV2::Api': (m) => ({
    ...(m.ProtocolType === 'HTTP' ? { RouteSelectionExpression: '$request.method $request.path' } : {}),
    ...(m.ProtocolType === 'HTTP' || m.ProtocolType === 'WEBSOCKET' ? { ApiKeySelectionExpression: '$request.header.x-api-key' } : {}),
  }),
  // "The default timeout is 29 seconds for WebSocket APIs and 30 seconds for HTTP APIs"
  // (AWS::ApiGatewayV2::Integration schema, TimeoutInMillis; `aws apigatewayv2
  // get-integration` example: "TimeoutInMillis": 30000). The API the integration belongs to
  // says which.
  'AWS::ApiGatewayV2::Integration': (m, ctx) => {
    const api = typeof m.ApiId === 'string' ? ctx.get('AWS::ApiGatewayV2::Api', m.ApiId) : undefined;
    if (api?.ProtocolType === 'HTTP') return { TimeoutInMillis: 30000 };
    if (api?.ProtocolType === 'WEBSOCKET') return { TimeoutInMillis: 29000 };
    return {};
  },
  // EnableDnsSupport "Enabled by default", EnableDnsHostnames "Disabled by default for
  // nondefault VPCs" (AWS::EC2::VPC schema); InstanceTenancy `default` unless asked
  // (EC2 API Reference, CreateVpc, InstanceTenancy "Default: default"; `aws ec2 create-vpc`
  // example: "InstanceTenancy": "default").
  'AWS::EC2::VPC': () => ({ EnableDnsSupport: true, EnableDnsHostnames: false, InstanceTenancy: 'default' }),
  // MemorySize "The default value is 128 MB", Timeout "The default is 3 seconds",
  // Architectures "The default value is x86_64", EphemeralStorage "The default value is 512"
  // (AWS::Lambda::Function schema, from the Lambda API Reference's CreateFunction).
  'AWS::Lambda::Function': () => ({ MemorySize: 128, Timeout: 3, Architectures: ['x86_64'], EphemeralStorage: { Size: 512 } }),
  // MaxSessionDuration: "If you do not specify a value for this setting, the default value
  // of one hour is applied" (AWS::IAM::Role schema).
  'AWS::IAM::Role': () => ({ MaxSessionDuration: 3600 }),
  // DelaySeconds "The default value is 0", MaximumMessageSize "Default: 1,048,576 bytes",
  // MessageRetentionPeriod "The default value is 345,600 seconds (4 days)",
  // ReceiveMessageWaitTimeSeconds: short polling (0) "is used as the default", and "When
  // SqsManagedSseEnabled is not defined, SSE-SQS encryption is enabled by default" unless a
  // KMS key is given (AWS::SQS::Queue schema); VisibilityTimeout "The default is 30 seconds"
  // (SQS API Reference, CreateQueue attributes).
  'AWS::SQS::Queue': (m) => ({
    DelaySeconds: 0,
    MaximumMessageSize: 1048576,
    MessageRetentionPeriod: 345600,
    ReceiveMessageWaitTimeSeconds: 0,
    VisibilityTimeout: 30,
    ...(m.KmsMasterKeyId === undefined ? { SqsManagedSseEnabled: true } : {}),
  }),
};

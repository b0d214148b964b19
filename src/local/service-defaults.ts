// Values a service's read handler returns for properties the caller left out, where the
// registry schema states the default only in prose (or not at all) and AWS documents it
// elsewhere. Kept as data per type, each with its source. The schema's own `default`
// keywords are applied too (read-defaults.ts); these come on top.
import type { Model } from './derived-attributes.js';

/** What a default may depend on: the model, and the resources it names (an integration's API). */
export interface DefaultsContext {
  get(typeName: string, identifier: string): Model | undefined;
}

/**
 * The defaults for what `model` leaves out. `operation` is UPDATE when a patch took effect:
 * a setting AWS gives only a new resource is not given back after a patch removes it.
 */
export type ServiceDefaults = (model: Model, ctx: DefaultsContext, operation: 'CREATE' | 'UPDATE') => Model;

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
  // PackageType: a .zip file archive unless the function is a container image ("If the
  // deployment package is a .zip file archive, then you set the package type to Zip",
  // CreateFunction; Zip is what GetFunction answers for a function created without it).
  // LoggingConfig: "By default, Lambda functions send logs to a default log group named
  // /aws/lambda/<function name>" (Lambda API Reference, LoggingConfig), in plain text
  // unless JSON is chosen ("Configuring JSON and plain text log formats", Lambda Developer
  // Guide). TracingConfig: X-Ray tracing is off, Mode PassThrough, unless Active is asked
  // (Lambda API Reference, TracingConfig; `aws lambda get-function-configuration` example:
  // "TracingConfig": {"Mode": "PassThrough"}).
  'AWS::Lambda::Function': (m) => ({
    MemorySize: 128,
    Timeout: 3,
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    PackageType: 'Zip',
    TracingConfig: { Mode: 'PassThrough' },
    ...(typeof m.FunctionName === 'string' ? { LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${m.FunctionName}` } } : {}),
  }),
  // S3 buckets (Amazon S3 User Guide):
  // - "Amazon S3 now applies server-side encryption with Amazon S3 managed keys (SSE-S3) as
  //   the base level of encryption for every bucket … Starting January 5, 2023"; "All Amazon
  //   S3 buckets have encryption configured by default" ("Setting default server-side
  //   encryption behavior for Amazon S3 buckets"): AES256, no S3 Bucket Key (that is for
  //   SSE-KMS). A bucket whose encryption configuration is deleted is back on it, so a patch
  //   that removes BucketEncryption reads it back too.
  // - Since April 2023 new buckets have S3 Block Public Access on, all four settings ("Blocking
  //   public access to your Amazon S3 storage"), and ACLs disabled, Object Ownership
  //   BucketOwnerEnforced ("Controlling ownership of objects and disabling ACLs for your
  //   bucket"). Those two are the settings of a new bucket: a patch that removes them deletes
  //   them (DeletePublicAccessBlock, DeleteBucketOwnershipControls), so an update gives none.
  'AWS::S3::Bucket': (_m, _ctx, operation) => ({
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] },
    ...(operation === 'CREATE'
      ? {
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        }
      : {}),
  }),
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

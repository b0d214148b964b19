// Services whose resources are global: one namespace for the account, reached through
// the us-east-1 endpoint. A query on them needs no region (published stackql-deploy
// examples read aws.iam.roles with none), and `region` then means us-east-1.
// Source: AWS General Reference, "Service endpoints": IAM, CloudFront, Route 53,
// Organizations and WAF Classic (global) name us-east-1 as their one endpoint region
// (https://docs.aws.amazon.com/general/latest/gr/rande.html#global-endpoints).
export const GLOBAL_REGION = 'us-east-1';

const GLOBAL_SERVICES = new Set(['iam', 'cloudfront', 'route53', 'organizations', 'waf']);

export function isGlobalService(service: string): boolean {
  return GLOBAL_SERVICES.has(service.toLowerCase());
}

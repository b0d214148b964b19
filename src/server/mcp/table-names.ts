// Table and service names as tools take them: 'aws.apigatewayv2.integrations', or without
// the provider ('apigatewayv2.integrations'), which means aws.
import { UsageError } from '../../errors.js';

const DEFAULT_PROVIDER = 'aws';

function parts(name: string): string[] {
  return name
    .trim()
    .split('.')
    .map((p) => p.trim().toLowerCase());
}

export function serviceName(name: string): { provider: string; service: string } {
  const p = parts(name);
  if (p.length === 1 && p[0]) return { provider: DEFAULT_PROVIDER, service: p[0] };
  if (p.length === 2 && p.every(Boolean)) return { provider: p[0], service: p[1] };
  throw new UsageError(`'${name}' is not a service name: write provider.service, e.g. aws.apigatewayv2.`);
}

export function resourceName(name: string): { provider: string; service: string; resource: string } {
  const p = parts(name);
  if (p.length === 2 && p.every(Boolean)) return { provider: DEFAULT_PROVIDER, service: p[0], resource: p[1] };
  if (p.length === 3 && p.every(Boolean)) return { provider: p[0], service: p[1], resource: p[2] };
  throw new UsageError(`'${name}' is not a table name: write provider.service.resource, e.g. aws.apigatewayv2.integrations.`);
}

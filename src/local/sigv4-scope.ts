// Reads the credential scope of a SigV4 Authorization header. The local cloud accepts any
// access key and cannot check signatures (it does not know the secret), but it insists on
// the header's form, the service name, and a region it serves: the region isolates state.
import { CloudError } from './cloud-error.js';

export const SIGNING_NAME = 'cloudcontrolapi';
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export function parseAuthorization(header: string | undefined): CredentialScope {
  if (!header) throw new CloudError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (!header.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new CloudError('IncompleteSignatureException', `Unsupported Authorization header: expected AWS4-HMAC-SHA256 (SigV4).`);
  }
  const params: Record<string, string> = {};
  for (const part of header.slice(17).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!params[name]) {
      throw new CloudError(
        'IncompleteSignatureException',
        `Authorization header requires '${name}' parameter. Authorization=${header.slice(0, 40)}…`,
      );
    }
  }
  const scope = params.Credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1]) || !scope[0]) {
    throw new CloudError(
      'IncompleteSignatureException',
      `Credential should be scoped to a valid region, e.g. Credential=AKID/20240101/us-east-1/${SIGNING_NAME}/aws4_request.`,
    );
  }
  return { accessKeyId: scope[0], date: scope[1], region: scope[2], service: scope[3] };
}

/** The region a request is for; InvalidSignatureException as AWS words it when the scope is wrong. */
export function regionOf(header: string | undefined, regions: ReadonlySet<string> | undefined): string {
  const scope = parseAuthorization(header);
  if (scope.service !== SIGNING_NAME) {
    throw new CloudError('InvalidSignatureException', `Credential should be scoped to correct service: '${SIGNING_NAME}'.`);
  }
  if (regions ? !regions.has(scope.region) : !REGION.test(scope.region)) {
    const served = regions ? ` This local cloud serves: ${[...regions].join(', ')}.` : '';
    throw new CloudError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${scope.region}'.${served}`);
  }
  return scope.region;
}

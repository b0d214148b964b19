// NextToken for ListResources and ListResourceRequests: an opaque base64 string (the
// service model's NextToken pattern) holding the position and what was listed, so a
// token cannot be replayed against a different list.
import { CloudError } from './cloud-error.js';

export function encodePageToken(scope: string, seq: number): string {
  return Buffer.from(JSON.stringify([scope, seq])).toString('base64');
}

export function decodePageToken(token: string | undefined, scope: string): number | undefined {
  if (token === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== scope || !Number.isInteger(parsed[1])) {
    throw new CloudError('InvalidRequestException', `Invalid NextToken: '${token}' was not returned by this list request.`);
  }
  return parsed[1] as number;
}

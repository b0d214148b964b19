import { toText } from './render-value.js';

/** Base64 of the UTF-8 text of a value (objects as their JSON), e.g. for EC2 UserData. */
export function base64Encode(value: unknown): string {
  return Buffer.from(toText(value), 'utf8').toString('base64');
}

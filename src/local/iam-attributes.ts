// IAM's own attributes. A role's RoleId is IAM's unique id for it: "AROA" and 17 more
// characters (IAM User Guide, "IAM identifiers", unique identifiers: AROA is the prefix of a
// role's id, AIDA a user's, AGPA a group's, ANPA a managed policy's, AIPA an instance
// profile's; the ids are 21 characters, upper-case letters and digits, e.g.
// AIDAJQABLZS4A3QDU576Q). Its Arn holds the role's path and no Region
// (`arn:aws:iam::123456789012:role/division_abc/subdivision_xyz/JaneRole`, same page, IAM
// ARNs); the arnTemplate's `${RoleNameWithPath}` renders it (attribute-generator.ts).
import { randomBytes } from 'node:crypto';
import type { OwnedAttributes } from './derived-attributes.js';

// IAM's ids use the base32 alphabet (upper-case letters and the digits 2-7), as every
// published example does.
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function iamUniqueId(prefix: string): string {
  let out = prefix;
  for (const b of randomBytes(17)) out += BASE32[b & 31];
  return out;
}

export const IAM_ATTRIBUTES: Record<string, OwnedAttributes> = {
  'AWS::IAM::Role': { owns: ['RoleId'], create: () => ({ RoleId: iamUniqueId('AROA') }) },
};

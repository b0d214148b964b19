// Input members and their constraints, from the Cloud Control service model
// (cloudcontrol-2021-09-30). Violations are reported as AWS's request validation
// reports them: "1 validation error detected: Value null at 'typeName' failed to
// satisfy constraint: Member must not be null".
import { CloudError } from './cloud-error.js';

interface MemberSpec {
  type: 'string' | 'integer' | 'filter';
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  sensitive?: boolean;
}

const TYPE_NAME: MemberSpec = { type: 'string', min: 10, max: 196, pattern: /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/ };
const TYPE_VERSION_ID: MemberSpec = { type: 'string', min: 1, max: 128, pattern: /^[A-Za-z0-9-]+$/ };
const ROLE_ARN: MemberSpec = { type: 'string', min: 20, max: 2048, pattern: /^arn:.+:iam::[0-9]{12}:role\/.+$/ };
const CLIENT_TOKEN: MemberSpec = { type: 'string', min: 1, max: 128, pattern: /^[-A-Za-z0-9+/=]+$/ };
const IDENTIFIER: MemberSpec = { type: 'string', required: true, min: 1, max: 1024, pattern: /^.+$/ };
const PROPERTIES: MemberSpec = { type: 'string', min: 1, max: 262144, sensitive: true };
const REQUEST_TOKEN: MemberSpec = { type: 'string', required: true, min: 1, max: 128, pattern: /^[-A-Za-z0-9+/=]+$/ };
const MAX_RESULTS: MemberSpec = { type: 'integer', min: 1, max: 100 };

const OPERATIONS: Record<string, Record<string, MemberSpec>> = {
  CreateResource: {
    TypeName: { ...TYPE_NAME, required: true },
    TypeVersionId: TYPE_VERSION_ID,
    RoleArn: ROLE_ARN,
    ClientToken: CLIENT_TOKEN,
    DesiredState: { ...PROPERTIES, required: true },
  },
  GetResource: { TypeName: { ...TYPE_NAME, required: true }, TypeVersionId: TYPE_VERSION_ID, RoleArn: ROLE_ARN, Identifier: IDENTIFIER },
  UpdateResource: {
    TypeName: { ...TYPE_NAME, required: true },
    TypeVersionId: TYPE_VERSION_ID,
    RoleArn: ROLE_ARN,
    ClientToken: CLIENT_TOKEN,
    Identifier: IDENTIFIER,
    PatchDocument: { ...PROPERTIES, required: true },
  },
  DeleteResource: {
    TypeName: { ...TYPE_NAME, required: true },
    TypeVersionId: TYPE_VERSION_ID,
    RoleArn: ROLE_ARN,
    ClientToken: CLIENT_TOKEN,
    Identifier: IDENTIFIER,
  },
  ListResources: {
    TypeName: { ...TYPE_NAME, required: true },
    TypeVersionId: TYPE_VERSION_ID,
    RoleArn: ROLE_ARN,
    NextToken: { type: 'string', min: 1, max: 4096, pattern: /^.+$/ },
    MaxResults: MAX_RESULTS,
    ResourceModel: PROPERTIES,
  },
  GetResourceRequestStatus: { RequestToken: REQUEST_TOKEN },
  CancelResourceRequest: { RequestToken: REQUEST_TOKEN },
  ListResourceRequests: {
    MaxResults: MAX_RESULTS,
    NextToken: { type: 'string', min: 1, max: 2048, pattern: /^[-A-Za-z0-9+/=]+$/ },
    ResourceRequestStatusFilter: { type: 'filter' },
  },
};

const FILTER_ENUMS: Record<string, string[]> = {
  Operations: ['CREATE', 'DELETE', 'UPDATE'],
  OperationStatuses: ['PENDING', 'IN_PROGRESS', 'SUCCESS', 'FAILED', 'CANCEL_IN_PROGRESS', 'CANCEL_COMPLETE'],
};

export function isOperation(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

function serialization(member: string, expected: string): CloudError {
  return new CloudError('SerializationException', `${member}: expected ${expected}`);
}

/** Checks `input` against the operation's input shape; throws ValidationException or SerializationException. */
export function validateInput(operation: string, input: Record<string, unknown>): void {
  const spec = OPERATIONS[operation];
  const problems: string[] = [];
  for (const name in spec) {
    const m = spec[name];
    const v = input[name];
    const at = lowerFirst(name);
    if (v === undefined || v === null) {
      if (m.required) problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (m.type === 'filter') {
      if (typeof v !== 'object' || Array.isArray(v)) throw serialization(name, 'a structure');
      for (const [key, allowed] of Object.entries(FILTER_ENUMS)) {
        const list = (v as Record<string, unknown>)[key];
        if (list === undefined || list === null) continue;
        if (!Array.isArray(list)) throw serialization(`${name}.${key}`, 'a list');
        if (list.some((x) => typeof x !== 'string' || !allowed.includes(x))) {
          problems.push(
            `Value '[${list.join(', ')}]' at '${at}.${lowerFirst(key)}' failed to satisfy constraint: ` +
              `Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`,
          );
        }
      }
      continue;
    }
    if (m.type === 'integer') {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw serialization(name, 'an integer');
      if (m.min !== undefined && v < m.min) {
        problems.push(`Value '${v}' at '${at}' failed to satisfy constraint: Member must have value greater than or equal to ${m.min}`);
      }
      if (m.max !== undefined && v > m.max) {
        problems.push(`Value '${v}' at '${at}' failed to satisfy constraint: Member must have value less than or equal to ${m.max}`);
      }
      continue;
    }
    if (typeof v !== 'string') throw serialization(name, 'a string');
    const shown = m.sensitive ? '***' : v;
    if (m.min !== undefined && v.length < m.min) {
      problems.push(`Value '${shown}' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${m.min}`);
    }
    if (m.max !== undefined && v.length > m.max) {
      problems.push(`Value '${shown}' at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${m.max}`);
    }
    if (m.pattern && v.length && !m.pattern.test(v)) {
      const source = m.pattern.source.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\//g, '/');
      problems.push(`Value '${shown}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${source}`);
    }
  }
  if (problems.length) {
    const n = problems.length;
    throw new CloudError('ValidationException', `${n} validation error${n > 1 ? 's' : ''} detected: ${problems.join('; ')}`);
  }
}

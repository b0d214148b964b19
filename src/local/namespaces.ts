// Where a resource's name lives: most services keep one namespace per region, some one per
// account (kept as data here, with the source of each).
//
// Global services: their AWS General Reference endpoint pages give one endpoint for every
// Region (iam.amazonaws.com; route53.amazonaws.com; cloudfront.amazonaws.com;
// organizations.us-east-1.amazonaws.com and shield.us-east-1.amazonaws.com listed against
// every Region; globalaccelerator.us-west-2.amazonaws.com; waf.amazonaws.com for AWS WAF
// Classic), and their ARNs have no Region field (the types' arnTemplates:
// arn:${Partition}:iam::${Account}:role/…, arn:${Partition}:route53:::hostedzone/…). Cloud
// Control answers for them from whatever Region the request is signed for, all from one
// namespace: a role created through us-east-1 is read, listed, updated and deleted through
// eu-west-1 too. The local cloud keeps their resources under one key, GLOBAL_REGION
// (botocore's endpoint data calls the partition-wide endpoint of IAM "aws-global").
//
// S3 bucket names are unique across all Regions of a partition ("Bucket names must be
// unique across all AWS accounts in all the AWS Regions within a partition", Amazon S3 User
// Guide, bucket naming rules), so a create in another Region with a name already taken
// fails AlreadyExists. A bucket still lives in one Region: Cloud Control's list handler for
// AWS::S3::Bucket lists every bucket of the account from any Region, while a read only finds
// a bucket from its own Region (aws/aws-cli#6464: "get-resource only shows buckets in a
// specified region but list-resource lists buckets across regions"; aws/aws-toolkit-vscode
// #2193 and aws-cloudformation/cloudformation-languageserver#221 special-case it for that).

/** The key global services' resources are kept under, whatever Region a request names. */
export const GLOBAL_REGION = 'aws-global';

/** Services (the middle part of a type name) whose resources live in one account-wide namespace. */
export const GLOBAL_SERVICES: ReadonlySet<string> = new Set(['IAM', 'Route53', 'CloudFront', 'Organizations', 'Shield', 'GlobalAccelerator', 'WAF']);

/** Types whose names are unique across Regions and whose list handler lists every Region. */
export const ACCOUNT_WIDE_NAMES: ReadonlySet<string> = new Set(['AWS::S3::Bucket']);

export type Namespace = 'regional' | 'global' | 'account-wide-names';

/** The Region a resource is kept under: GLOBAL_REGION for a global service's, else the request's. */
export function homeRegion(namespace: Namespace, region: string): string {
  return namespace === 'global' ? GLOBAL_REGION : region;
}

export function namespaceOf(typeName: string): Namespace {
  if (GLOBAL_SERVICES.has(typeName.split('::')[1] ?? '')) return 'global';
  if (ACCOUNT_WIDE_NAMES.has(typeName)) return 'account-wide-names';
  return 'regional';
}

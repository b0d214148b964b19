// An S3 bucket's attributes, in the shapes AWS documents them (AWS::S3::Bucket, "Return
// values", CloudFormation User Guide): Arn `arn:aws:s3:::amzn-s3-demo-bucket` (no Region, no
// account: bucket names are global in a partition), DomainName
// `amzn-s3-demo-bucket.s3.amazonaws.com`, RegionalDomainName
// `amzn-s3-demo-bucket.s3.us-east-2.amazonaws.com`, DualStackDomainName
// `amzn-s3-demo-bucket.s3.dualstack.us-east-2.amazonaws.com`, WebsiteURL
// `http://amzn-s3-demo-bucket.s3-website.us-east-2.amazonaws.com`.
//
// The website endpoint is `s3-website-<region>` (a dash) in the Regions that had website
// hosting first and `s3-website.<region>` (a dot) everywhere else (Amazon S3 User Guide,
// "Website endpoints"; the table "Amazon S3 website endpoints" in the AWS General
// Reference, S3 endpoints and quotas).
import { randomAlnum } from './id-generator.js';
import type { Model, OwnedAttributes, ServiceContext } from './derived-attributes.js';

/** Regions whose website endpoint is `s3-website-<region>`; every other uses `s3-website.<region>`. */
export const WEBSITE_DASH_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'eu-west-1',
  'sa-east-1',
  'us-gov-west-1',
]);

export function websiteHost(bucket: string, region: string): string {
  return WEBSITE_DASH_REGIONS.has(region) ? `${bucket}.s3-website-${region}.amazonaws.com` : `${bucket}.s3-website.${region}.amazonaws.com`;
}

function bucketAttributes(m: Model, ctx: ServiceContext): Model {
  // A bucket the caller did not name gets a generated name, as Cloud Control's create does.
  const name = typeof m.BucketName === 'string' ? m.BucketName : `bucket-${randomAlnum(12)}`;
  return {
    BucketName: name,
    Arn: `arn:${ctx.partition}:s3:::${name}`,
    DomainName: `${name}.s3.amazonaws.com`,
    RegionalDomainName: `${name}.s3.${ctx.region}.amazonaws.com`,
    DualStackDomainName: `${name}.s3.dualstack.${ctx.region}.amazonaws.com`,
    WebsiteURL: `http://${websiteHost(name, ctx.region)}`,
  };
}

export const S3_ATTRIBUTES: Record<string, OwnedAttributes> = {
  'AWS::S3::Bucket': {
    owns: ['Arn', 'DomainName', 'RegionalDomainName', 'DualStackDomainName', 'WebsiteURL'],
    create: bucketAttributes,
  },
};

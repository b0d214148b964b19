// A Classic Load Balancer's DNS name and Route 53 hosted zone. DNSName is
// `<name>-<digits>.<region>.elb.amazonaws.com`, `internal-…` for an internal one ("my-
// loadbalancer-1234567890.us-west-2.elb.amazonaws.com", Elastic Load Balancing User Guide
// for Classic Load Balancers, "Configure a custom domain name"; "internal-my-internal-
// loadbalancer-…", "Internal Classic Load Balancers"). CanonicalHostedZoneName is the same
// name; internal load balancers have none ("Internal-facing load balancers don't use this
// value", AWS::ElasticLoadBalancing::LoadBalancer schema). CanonicalHostedZoneNameID is the
// Region's hosted zone for Elastic Load Balancing (AWS General Reference, "Elastic Load
// Balancing endpoints and quotas", Route 53 hosted zone IDs for Classic Load Balancers); a
// Region this table lacks gets none rather than an invented one.
import { randomInt } from 'node:crypto';
import { randomAlnum } from './id-generator.js';
import type { OwnedAttributes } from './derived-attributes.js';

export const ELB_HOSTED_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-central-1': 'Z215JYRZR1TBD5',
  'ap-northeast-1': 'Z14GRHDCWA56QT',
  'ap-southeast-1': 'Z1LMS91P8CMLE5',
  'ap-southeast-2': 'Z1GM3OXH4ZPM65',
  'sa-east-1': 'Z2P70J7HTTTPLU',
};

export const ELB_ATTRIBUTES: Record<string, OwnedAttributes> = {
  'AWS::ElasticLoadBalancing::LoadBalancer': {
    owns: ['DNSName', 'CanonicalHostedZoneName', 'CanonicalHostedZoneNameID'],
    create: (m, ctx) => {
      const name = typeof m.LoadBalancerName === 'string' ? m.LoadBalancerName : `loadbalancer-${randomAlnum(12)}`;
      const internal = m.Scheme === 'internal';
      const digits = String(randomInt(1_000_000_000, 10_000_000_000));
      const dns = `${internal ? 'internal-' : ''}${name}-${digits}.${ctx.region}.elb.amazonaws.com`;
      return {
        LoadBalancerName: name,
        DNSName: dns,
        CanonicalHostedZoneName: internal ? undefined : dns,
        CanonicalHostedZoneNameID: Object.hasOwn(ELB_HOSTED_ZONES, ctx.region) ? ELB_HOSTED_ZONES[ctx.region] : undefined,
      };
    },
  },
};

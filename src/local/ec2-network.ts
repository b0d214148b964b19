// EC2's addressing, as the local cloud reproduces it: availability zones per region, IPv4
// CIDR arithmetic, the addresses a subnet hands out and the DNS names EC2 gives them.
// Sources:
// - zones: "Regions and Zones" (EC2 User Guide): a zone is its region's code and a
//   letter (us-east-1a); its AZ ID names the same zone across accounts (use1-az1), the
//   region's short code, "-az" and a number.
// - reserved addresses: "Subnet CIDR blocks" (VPC User Guide): "The first four IP
//   addresses and the last IP address in each subnet CIDR block are not available".
// - host names: "Amazon EC2 instance hostname types" and "DNS attributes for your VPC"
//   (EC2 / VPC User Guides): private `ip-10-0-0-4.ec2.internal` in us-east-1 and
//   `ip-10-0-0-4.<region>.compute.internal` elsewhere; public
//   `ec2-203-0-113-25.compute-1.amazonaws.com` in us-east-1 and
//   `ec2-203-0-113-25.<region>.compute.amazonaws.com` elsewhere, given only when the VPC
//   has DNS hostnames (enableDnsHostnames) and DNS resolution (enableDnsSupport) on.
import { randomInt } from 'node:crypto';

// Zones per region, where a region has more than the three most have.
const ZONE_LETTERS: Record<string, string> = {
  'us-east-1': 'abcdef',
  'us-west-2': 'abcd',
};

/** The availability zones of a region, by name: `us-east-1a`, `us-east-1b`, … */
export function availabilityZones(region: string): string[] {
  return [...(ZONE_LETTERS[region] ?? 'abc')].map((l) => region + l);
}

const DIRECTION: Record<string, string> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** The region's short code in AZ IDs: `use1` for us-east-1, `apse2` for ap-southeast-2. */
export function regionShortCode(region: string): string {
  const m = /^([a-z]+)-([a-z]+)-(\d+)$/.exec(region);
  if (!m) return region.replace(/[^a-z0-9]/g, '');
  return m[1] + (DIRECTION[m[2]] ?? m[2][0]) + m[3];
}

/** The AZ ID of a zone name of the region (`us-east-1b` → `use1-az2`), or undefined. */
export function zoneIdOf(region: string, zoneName: string): string | undefined {
  const i = availabilityZones(region).indexOf(zoneName);
  return i < 0 ? undefined : `${regionShortCode(region)}-az${i + 1}`;
}

/** The zone name of an AZ ID of the region (`use1-az2` → `us-east-1b`), or undefined. */
export function zoneNameOf(region: string, zoneId: string): string | undefined {
  return availabilityZones(region).find((z) => zoneIdOf(region, z) === zoneId);
}

// ---- IPv4 ----

export interface Cidr {
  /** The network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** `10.0.1.0/24`, normalised to its network address; undefined when malformed. */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const ip = parseIpv4(m[1]);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32) return undefined;
  return { base: (ip & mask(prefix)) >>> 0, prefix };
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
}

function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && (inner.base & mask(outer.prefix)) >>> 0 === outer.base;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

export function ipInCidr(ip: number, c: Cidr): boolean {
  return (ip & mask(c.prefix)) >>> 0 === c.base;
}

/** The addresses a subnet can give instances: all but the first four and the last. */
export function assignableRange(c: Cidr): { first: number; last: number } {
  return { first: c.base + 4, last: c.base + size(c) - 2 };
}

/** The lowest assignable address of the subnet not in `used`, or undefined when it is full. */
export function nextFreeAddress(c: Cidr, used: ReadonlySet<number>): number | undefined {
  const { first, last } = assignableRange(c);
  for (let ip = first; ip <= last; ip++) if (!used.has(ip)) return ip;
  return undefined;
}

/** A public IPv4 address from an Amazon-owned block (54.0.0.0/8 is one of EC2's). */
export function randomPublicIpv4(): string {
  return `54.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

// ---- DNS names ----

export function privateDnsName(region: string, ip: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

export function publicDnsName(region: string, ip: string): string {
  const host = `ec2-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${region}.compute.amazonaws.com`;
}

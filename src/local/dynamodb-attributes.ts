// A DynamoDB table has a StreamArn only while a stream is on: DynamoDB gives a table's
// LatestStreamArn when StreamSpecification enables a stream (DynamoDB API Reference,
// TableDescription: "LatestStreamArn — The Amazon Resource Name (ARN) that uniquely
// identifies the latest stream for this table"), so the read handler returns none without
// one. Its shape ends in the stream label, a timestamp: `arn:aws:dynamodb:us-east-1:
// 123456789012:table/<name>/stream/2015-11-30T20:10:00.000` (AWS::DynamoDB::Table registry
// schema, StreamArn). Turning the stream on in an update gives one; turning it off removes it.
import { randomAlnum } from './id-generator.js';
import type { Model, OwnedAttributes, ServiceContext } from './derived-attributes.js';

function streamOn(m: Model): boolean {
  const spec = m.StreamSpecification;
  return typeof spec === 'object' && spec !== null && typeof (spec as Model).StreamViewType === 'string';
}

function streamArn(m: Model, ctx: ServiceContext): string {
  const label = new Date(ctx.now).toISOString().replace(/Z$/, '');
  return `arn:${ctx.partition}:dynamodb:${ctx.region}:${ctx.account}:table/${String(m.TableName)}/stream/${label}`;
}

export const DYNAMODB_ATTRIBUTES: Record<string, OwnedAttributes> = {
  'AWS::DynamoDB::Table': {
    owns: ['StreamArn'],
    create: (m, ctx) => {
      // A table the caller did not name gets a generated name (the stream ARN holds it).
      const named = { ...m, TableName: typeof m.TableName === 'string' ? m.TableName : `table-${randomAlnum(12)}` };
      return { TableName: named.TableName, StreamArn: streamOn(m) ? streamArn(named, ctx) : undefined };
    },
    update: (m, previous, ctx) => ({ StreamArn: streamOn(m) ? (previous.StreamArn ?? streamArn(m, ctx)) : undefined }),
  },
};

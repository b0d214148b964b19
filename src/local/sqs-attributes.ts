// An SQS queue is identified by its URL (the registry schema's primaryIdentifier is
// /properties/QueueUrl), in SQS's shape: `https://sqs.us-east-2.amazonaws.com/123456789012/MyQueue`
// (Amazon SQS Developer Guide, "Amazon SQS queue and message identifiers", queue URL), and
// its Arn is `arn:aws:sqs:us-east-2:123456789012:MyQueue` (the arnTemplate). A queue the
// caller does not name gets a generated one; a FIFO queue's name ends in `.fifo` ("The name
// of a FIFO queue must end with the .fifo suffix", same guide, FIFO queue names).
import { randomAlnum } from './id-generator.js';
import type { OwnedAttributes } from './derived-attributes.js';

export const SQS_ATTRIBUTES: Record<string, OwnedAttributes> = {
  'AWS::SQS::Queue': {
    owns: ['QueueUrl'],
    create: (m, ctx) => {
      const name = typeof m.QueueName === 'string' ? m.QueueName : `queue-${randomAlnum(12)}${m.FifoQueue === true ? '.fifo' : ''}`;
      return { QueueName: name, QueueUrl: `https://sqs.${ctx.region}.amazonaws.com/${ctx.account}/${name}` };
    },
  },
};

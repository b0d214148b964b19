// Cuts the byte stream after startup into whole messages (type byte, int32 length that
// counts itself, body). pg-gateway 0.2.4 frames the second and later messages of a
// chunk wrongly (it slices buffer.subarray(start, length)), and the extended protocol
// always sends several at once, so after startup the connection frames its own.
import { ProtocolViolation } from './wire-reader.js';

export class MessageFramer {
  /** Received bytes not yet cut into messages; joined only once a whole message is there. */
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxMessageBytes: number) {}

  private messageLength(): number | undefined {
    if (this.size < 5) return undefined;
    const head = this.chunks[0].length >= 5 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    const length = head.readInt32BE(1);
    if (length < 4) throw new ProtocolViolation(`invalid message length ${length}`);
    if (length > this.maxMessageBytes) throw new ProtocolViolation(`a message of ${length} bytes is larger than the ${this.maxMessageBytes} allowed`);
    return length;
  }

  /** The whole messages completed by `chunk`, each the caller's to keep. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const first = this.messageLength();
    if (first === undefined || this.size < 1 + first) return [];
    // A fresh buffer: the messages may be views of it.
    const all = Buffer.concat(this.chunks, this.size);
    const out: Buffer[] = [];
    let at = 0;
    while (all.length - at >= 5) {
      const length = all.readInt32BE(at + 1);
      if (length < 4) throw new ProtocolViolation(`invalid message length ${length}`);
      if (length > this.maxMessageBytes) throw new ProtocolViolation(`a message of ${length} bytes is larger than the ${this.maxMessageBytes} allowed`);
      if (all.length - at < 1 + length) break;
      out.push(all.subarray(at, at + 1 + length));
      at += 1 + length;
    }
    const rest = all.subarray(at);
    this.chunks = rest.length ? [Buffer.from(rest)] : [];
    this.size = rest.length;
    return out;
  }
}

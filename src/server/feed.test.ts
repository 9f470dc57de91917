import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server';

// A smaller budget than the default 8 MiB, so a flood overflows it within a test.
const BUDGET = 2 * 1024 * 1024;
const RECORD_BYTES = 64 * 1024;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, throttling: false, createStreamMs: 0, streamBufferBytes: BUDGET });
  server.engine.call('CreateStream', { StreamName: 'flood', ShardCount: 1 });
});
afterAll(() => server.close());

const turn = () => new Promise((resolve) => setImmediate(resolve));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Four records of RECORD_BYTES in one PutRecords call, straight into the engine (one event). */
function putFour(): void {
  const Records = Array.from({ length: 4 }, (_, i) => ({
    PartitionKey: `k${i}`,
    Data: new Uint8Array(RECORD_BYTES).fill(i),
  }));
  server.engine.call('PutRecords', { StreamName: 'flood', Records });
}

type FeedMessage = { readonly seq: number; readonly label: string } | { readonly dropped: number };

/** An /events reader on a raw socket: its text so far, and what the server sent in order. */
class RawFeedReader {
  readonly socket: net.Socket;
  text = '';
  private parsedUpTo = 0;
  /** Each message in arrival order: an event (its number and a label), or a count of skipped ones. */
  readonly messages: FeedMessage[] = [];

  constructor() {
    this.socket = net.connect(server.port, '127.0.0.1');
    this.socket.setEncoding('utf8');
    this.socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  }

  /** Reads in flowing mode until `predicate` holds (or the time runs out). */
  async readUntil(predicate: () => boolean, ms: number): Promise<void> {
    const onData = (chunk: string) => this.take(chunk);
    this.socket.on('data', onData);
    this.socket.resume();
    const deadline = performance.now() + ms;
    while (!predicate() && performance.now() < deadline) await pause(10);
    this.socket.off('data', onData);
    this.socket.pause();
  }

  /** One read of what the socket holds (paused mode), as a paced consumer does. */
  readOnce(): void {
    const chunk = this.socket.read() as string | null;
    if (chunk !== null) this.take(chunk);
  }

  take(chunk: string): void {
    this.text += chunk;
    for (
      let end = this.text.indexOf('\n\n', this.parsedUpTo);
      end >= 0;
      end = this.text.indexOf('\n\n', this.parsedUpTo)
    ) {
      const message = this.text.slice(this.parsedUpTo, end);
      this.parsedUpTo = end + 2;
      const dropped = /^event: dropped\ndata: (.*)$/m.exec(message);
      if (dropped) this.messages.push({ dropped: (JSON.parse(dropped[1]!) as { dropped: number }).dropped });
      const data = /^data: (.*)$/m.exec(message);
      if (data && !message.includes('event: ')) {
        const event = JSON.parse(data[1]!) as { seq: number; type: string; operation?: string; stream?: string };
        this.messages.push({ seq: event.seq, label: [event.operation ?? event.type, event.stream].join(' ') });
      }
    }
    // Keep only the unparsed tail, so a long flood does not grow the test's own memory.
    this.text = this.text.slice(this.parsedUpTo);
    this.parsedUpTo = 0;
  }

  /** Events received plus those the server said it skipped. */
  accounted(): number {
    let total = 0;
    for (const message of this.messages) total += 'dropped' in message ? message.dropped : 1;
    return total;
  }

  /**
   * Where the events received leave gaps, and what the dropped messages say, side by side: each
   * event's number follows the one before it plus the skipped count announced between them.
   */
  gaps(): { expected: number[]; found: number[] } {
    const expected: number[] = [];
    const found: number[] = [];
    let last: number | undefined;
    let announced = 0;
    for (const message of this.messages) {
      if ('dropped' in message) {
        announced += message.dropped;
        continue;
      }
      if (last !== undefined) {
        expected.push(announced);
        found.push(message.seq - last - 1);
      }
      last = message.seq;
      announced = 0;
    }
    return { expected, found };
  }

  has(label: string): boolean {
    return this.messages.some((m) => 'label' in m && m.label === label);
  }
}

describe('/events under a flood', () => {
  it('should keep a paced reader reading while another reader is stalled, and account for every event', async () => {
    let emitted = 0;
    const stopCounting = server.engine.subscribe(() => emitted++);
    const stalled = new RawFeedReader();
    const paced = new RawFeedReader();
    try {
      await stalled.readUntil(() => stalled.text.includes('event: hello') || stalled.messages.length > 0, 2_000);
      await paced.readUntil(() => paced.text.includes('event: hello') || paced.messages.length > 0, 2_000);
      // About 40 MB of feed for each reader, while the paced one takes one read a millisecond.
      let reads = 0;
      const receivedBefore = paced.messages.length;
      let pacing = true;
      void (async () => {
        while (pacing) {
          paced.readOnce();
          reads++;
          await pause(1);
        }
      })();
      for (let i = 0; i < 120; i++) {
        putFour();
        await turn();
        expect(server.pendingStreamBytes()).toBeLessThanOrEqual(2 * BUDGET);
      }
      pacing = false;
      // It was reading all along, not only once the flood stopped.
      expect(reads).toBeGreaterThan(10);
      expect(paced.messages.length).toBeGreaterThan(receivedBefore);
      // The flood is over: the paced reader gets every event or its count, then the next event.
      await paced.readUntil(() => paced.accounted() === emitted, 10_000);
      expect(paced.accounted()).toBe(emitted);
      server.engine.call('CreateStream', { StreamName: 'after-flood', ShardCount: 1 });
      await paced.readUntil(() => paced.has('CreateStream after-flood'), 5_000);
      expect(paced.has('CreateStream after-flood')).toBe(true);
      const { expected, found } = paced.gaps();
      expect(found).toEqual(expected);
    } finally {
      stopCounting();
      stalled.socket.destroy();
      paced.socket.destroy();
    }
  });

  it('should tell a stalled reader how many events it missed, before any newer event', async () => {
    let emitted = 0;
    const stopCounting = server.engine.subscribe(() => emitted++);
    const reader = new RawFeedReader();
    try {
      await reader.readUntil(() => reader.text.includes('event: hello'), 2_000);
      // The reader stops reading; the flood overflows what the server holds for it.
      for (let i = 0; i < 60; i++) {
        putFour();
        await turn();
      }
      expect(server.pendingStreamBytes()).toBeGreaterThan(BUDGET / 2);
      // It resumes; a newer event follows.
      await reader.readUntil(() => reader.messages.some((m) => 'dropped' in m), 10_000);
      server.engine.call('CreateStream', { StreamName: 'after-stall', ShardCount: 1 });
      await reader.readUntil(() => reader.has('CreateStream after-stall'), 5_000);

      const droppedAt = reader.messages.findIndex((m) => 'dropped' in m);
      expect(droppedAt).toBeGreaterThan(0);
      const marker = reader.messages[droppedAt] as { dropped: number };
      expect(marker.dropped).toBeGreaterThan(0);
      const seqs = (messages: FeedMessage[]) => messages.map((m) => ('seq' in m ? m.seq : NaN));
      const before = seqs(reader.messages.slice(0, droppedAt));
      const after = seqs(reader.messages.slice(droppedAt + 1));
      // One marker, standing exactly where the skipped events would have been: everything before
      // it is older, everything after newer, and the gap between them is the count it gives.
      expect([...before, ...after].every((seq) => Number.isInteger(seq))).toBe(true);
      expect(after[0]! - before[before.length - 1]! - 1).toBe(marker.dropped);
      expect(reader.has('CreateStream after-stall')).toBe(true);
      expect(reader.accounted()).toBe(emitted);
    } finally {
      stopCounting();
      reader.socket.destroy();
    }
  });
});

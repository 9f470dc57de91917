import { describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from './sse';

/** A body delivering `chunks` as they are cut (messages split anywhere, as a network does). */
const body = (chunks: readonly string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('readSse', () => {
  it('should read events, data and ids however the stream is cut, CRLF and comments included', async () => {
    const text = 'event: hello\ndata: {"a":1}\n\n: keep-alive\n\nid: 7\r\ndata: x\r\n\r\nevent: tick\ndata: é\n\n';
    for (const cut of [1, 3, 7, text.length]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += cut) chunks.push(text.slice(i, i + cut));
      const messages: SseMessage[] = [];
      await readSse(body(chunks), (m) => messages.push(m));
      expect(messages).toEqual([
        { event: 'hello', data: '{"a":1}' },
        { event: 'message', data: 'x', id: '7' },
        { event: 'tick', data: 'é' },
      ]);
    }
  });

  it('should refuse a message past its bound instead of growing without limit', async () => {
    await expect(readSse(body([`data: ${'x'.repeat(100)}\n\n`]), () => {}, 50)).rejects.toThrow('too long');
    await expect(readSse(body(['data: '.concat('y'.repeat(100))]), () => {}, 50)).rejects.toThrow('too long');
  });
});

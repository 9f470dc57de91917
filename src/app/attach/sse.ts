/**
 * Server-Sent Events read from a fetch body (the page's and Node's fetch alike, where EventSource
 * is not everywhere and cannot be told when to reconnect): `event`, `data` and `id` fields, one
 * message per blank line. A message longer than `maxMessageChars` ends the stream with an error
 * rather than growing a buffer without bound.
 */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/** A command carries at most one request body of the endpoint (15 MiB), a third larger as base64. */
export const MAX_MESSAGE_CHARS = 24 * 1024 * 1024;

export async function readSse(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: SseMessage) => void,
  maxMessageChars = MAX_MESSAGE_CHARS,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  let id: string | undefined;
  let dataChars = 0;
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0 || event !== 'message')
        onMessage({ event, data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
      event = 'message';
      data = [];
      dataChars = 0;
      id = undefined;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(text[colon + 1] === ' ' ? colon + 2 : colon + 1);
    if (field === 'event') event = value;
    else if (field === 'data') {
      dataChars += value.length;
      if (dataChars > maxMessageChars) throw new Error('a message of the stream is too long');
      data.push(value);
    } else if (field === 'id') id = value;
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let start = 0;
    for (let end = buffer.indexOf('\n', start); end >= 0; end = buffer.indexOf('\n', start)) {
      line(buffer.slice(start, end).replace(/\r$/, ''));
      start = end + 1;
    }
    buffer = buffer.slice(start);
    if (buffer.length > maxMessageChars) throw new Error('a line of the stream is too long');
  }
}

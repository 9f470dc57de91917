/**
 * The API model's ARN patterns, matched by hand in time linear in the input.
 *
 * As regular expressions they hold two or three `.*` in a row around short literals, and a
 * backtracking engine tries every way of splitting the text between them: a 59 KB ConsumerARN
 * took over a minute. Each matcher below accepts exactly what `^(?:pattern)$` with the `u` flag
 * accepts (a property test compares them on texts built from the patterns' own pieces), by
 * reading the fixed parts from the ends and taking the earliest place for the free ones: every
 * `.*` only forbids line terminators, so an earlier split never rules out a later part.
 */

const SERVICE = ':kinesis:';
const STREAM = 'stream/';
const CONSUMER = '/consumer/';
/** `:\d{12}:`, the account part. */
const ACCOUNT_LENGTH = 14;

/** What `.` refuses: the line terminators. */
const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

/** What `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** `[a-zA-Z0-9_.-]`, the character set of stream and consumer names. */
const isNameChar = (c: number): boolean =>
  isDigit(c) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x2e || c === 0x2d;

function hasLineTerminator(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isLineTerminator(text.charCodeAt(i))) return true;
  return false;
}

function lastWhitespace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (isWhitespace(text.charCodeAt(i))) return i;
  return -1;
}

/** Whether text[from, to) is non-empty and every character passes `test`. */
function allOf(text: string, from: number, to: number, test: (c: number) => boolean): boolean {
  if (from < 0 || from >= to) return false;
  for (let i = from; i < to; i++) if (!test(text.charCodeAt(i))) return false;
  return true;
}

/** Whether `:\d{12}:` starts at `at`. */
const accountAt = (text: string, at: number): boolean =>
  text.charCodeAt(at) === 0x3a &&
  text.charCodeAt(at + ACCOUNT_LENGTH - 1) === 0x3a &&
  allOf(text, at + 1, at + ACCOUNT_LENGTH - 1, isDigit);

/** Where the text after `arn:aws.*:kinesis:` may start at the earliest, or -1. */
function afterService(text: string): number {
  if (!text.startsWith('arn:aws')) return -1;
  const at = text.indexOf(SERVICE, 7);
  return at < 0 ? -1 : at + SERVICE.length;
}

/** The earliest `:\d{12}:` at or after `from` that ends by `limit`, or -1. */
function firstAccount(text: string, from: number, limit: number): number {
  for (let at = from; at + ACCOUNT_LENGTH <= limit; at++) if (accountAt(text, at)) return at;
  return -1;
}

/** `arn:aws.*:kinesis:.*:\d{12}:stream/\S+` */
function matchesStreamArn(text: string): boolean {
  const from = afterService(text);
  if (from < 0 || hasLineTerminator(text)) return false;
  // The tail `\S+` must start after the last whitespace and hold at least one character.
  const tailFrom = lastWhitespace(text) + 1;
  const fixed = ACCOUNT_LENGTH + STREAM.length;
  for (let at = Math.max(from, tailFrom - fixed); at + fixed < text.length; at++) {
    if (accountAt(text, at) && text.startsWith(STREAM, at + ACCOUNT_LENGTH)) return true;
  }
  return false;
}

/** `arn:aws.*:kinesis:.*:\d{12}:.*stream\/\S+` */
function matchesResourceArn(text: string): boolean {
  const from = afterService(text);
  if (from < 0 || hasLineTerminator(text)) return false;
  const account = firstAccount(text, from, text.length);
  if (account < 0) return false;
  const tailFrom = lastWhitespace(text) + 1;
  for (let at = Math.max(account + ACCOUNT_LENGTH, tailFrom - STREAM.length); at + STREAM.length < text.length; at++) {
    if (text.startsWith(STREAM, at)) return true;
  }
  return false;
}

/** `^(arn):aws.*:kinesis:.*:\d{12}:.*stream\/[a-zA-Z0-9_.-]+\/consumer\/[a-zA-Z0-9_.-]+:[0-9]+` */
function matchesConsumerArn(text: string): boolean {
  // From the end: neither the digits nor the names hold ':' or '/', so each separator is the
  // last one before the part it ends.
  const colon = text.lastIndexOf(':');
  if (colon <= 0 || !allOf(text, colon + 1, text.length, isDigit)) return false;
  const slash = text.lastIndexOf('/', colon - 1);
  if (slash < 0 || !allOf(text, slash + 1, colon, isNameChar)) return false;
  const consumerAt = slash - (CONSUMER.length - 1);
  if (consumerAt < 0 || !text.startsWith(CONSUMER, consumerAt)) return false;
  const streamSlash = consumerAt > 0 ? text.lastIndexOf('/', consumerAt - 1) : -1;
  if (streamSlash < 0 || !allOf(text, streamSlash + 1, consumerAt, isNameChar)) return false;
  const streamAt = streamSlash - (STREAM.length - 1);
  if (streamAt < 0 || !text.startsWith(STREAM, streamAt)) return false;
  // The head, `arn:aws.*:kinesis:.*:\d{12}:.*`, must end by where `stream/` starts.
  const from = afterService(text);
  if (from < 0 || from > streamAt || hasLineTerminator(text)) return false;
  return firstAccount(text, from, streamAt) >= 0;
}

/** Hand matchers by the pattern text the API model spells (and error messages quote). */
export const ARN_MATCHERS: ReadonlyMap<string, (text: string) => boolean> = new Map([
  ['arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+', matchesStreamArn],
  ['arn:aws.*:kinesis:.*:\\d{12}:.*stream\\/\\S+', matchesResourceArn],
  [
    '^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+',
    matchesConsumerArn,
  ],
]);

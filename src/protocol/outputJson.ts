/**
 * An operation's output as its JSON 1.1 body: always the text `JSON.stringify(toWire(output))`
 * would give. GetRecords' records, the endpoint's read path (thousands per answer), are put in
 * wire form by a builder made for their one shape instead of toWire's general walk. (Writing them
 * straight to text was slower: joining thousands of small strings costs more than JSON.stringify.)
 */
import type { _Record } from '@aws-sdk/client-kinesis';
import { toWire, type Base64Encoder } from './codec';

export function outputJson(operation: string, output: unknown, encode?: Base64Encoder): string {
  if (operation !== 'GetRecords' || output === null || typeof output !== 'object')
    return JSON.stringify(toWire(output ?? {}, encode));
  const { Records: records, ...rest } = output as { Records?: _Record[] };
  const wire = toWire(rest, encode) as Record<string, unknown>;
  return JSON.stringify(records === undefined ? wire : { Records: records.map((r) => wireRecord(r, encode)), ...wire });
}

/** A record in wire form, as toWire would make it (members in the same order). */
function wireRecord(record: _Record, encode: Base64Encoder | undefined): unknown {
  if (!isPlainRecord(record)) return toWire(record, encode);
  return {
    SequenceNumber: record.SequenceNumber,
    ApproximateArrivalTimestamp: record.ApproximateArrivalTimestamp.getTime() / 1000,
    Data: toWire(record.Data, encode),
    PartitionKey: record.PartitionKey,
    EncryptionType: record.EncryptionType,
  };
}

type PlainMember = 'SequenceNumber' | 'ApproximateArrivalTimestamp' | 'Data' | 'PartitionKey' | 'EncryptionType';
type PlainRecord = { [K in PlainMember]-?: NonNullable<_Record[K]> };
const PLAIN_MEMBERS = ['SequenceNumber', 'ApproximateArrivalTimestamp', 'Data', 'PartitionKey', 'EncryptionType'];

/** The engine's record shape: exactly these five members, in this order, none missing. */
function isPlainRecord(record: _Record): record is PlainRecord {
  let i = 0;
  for (const name in record) if (PLAIN_MEMBERS[i++] !== name) return false;
  return (
    i === PLAIN_MEMBERS.length &&
    typeof record.SequenceNumber === 'string' &&
    record.ApproximateArrivalTimestamp instanceof Date &&
    record.Data instanceof Uint8Array &&
    typeof record.PartitionKey === 'string' &&
    typeof record.EncryptionType === 'string'
  );
}

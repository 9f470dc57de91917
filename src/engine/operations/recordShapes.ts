import type { Context } from '../context';
import { invalidArgument } from '../errors';
import type { Profile } from '../options';
import type { BlobShape } from '../schema/shapes';
import type { EncryptionType, StreamState } from '../state';

/** Largest Data blob the API model accepts: 1 MiB in 2017-07, 10 MiB now (per-stream limits apply). */
export const dataShape = (profile: Profile): BlobShape => ({
  type: 'blob',
  max: profile === 'current' ? 10 * 1048576 : 1048576,
  doc: "The record's payload (text, hex or base64 in the form).",
});

/** A record (data plus partition key) must fit the stream's maximum record size. */
export function checkRecordSize(ctx: Context, stream: StreamState, bytes: number): void {
  const max = stream.maxRecordSizeKiB * 1024;
  if (bytes > max) {
    throw invalidArgument(
      `Record size of ${bytes} bytes exceeds the maximum record size of ${stream.maxRecordSizeKiB} KiB for stream ${stream.name} under account ${ctx.account}.`,
    );
  }
}

export const encryptionTypeOf = (slot: number): EncryptionType => (slot === 0 ? 'NONE' : 'KMS');

/** A write result names its EncryptionType only when the record was encrypted: the service leaves NONE out. */
export const encryptionMember = (slot: number): { EncryptionType?: EncryptionType } =>
  slot === 0 ? {} : { EncryptionType: 'KMS' };

/**
 * A timestamp from the wire as a Date. Values past what a Date can hold (±8.64e15 ms) are held at
 * its edge instead of becoming an invalid Date: a Timestamp of 1e308 seconds is then a time in the
 * future like any other (GetShardIterator refuses it as one), and -1e308 is before every record.
 */
export const MAX_DATE_MS = 8.64e15;

export const dateOfMillis = (millis: number): Date =>
  new Date(Number.isNaN(millis) ? Number.NaN : Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, millis)));

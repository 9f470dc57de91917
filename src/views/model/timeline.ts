import { ENCRYPTION_CHANGES_PER_DAY, type StreamState } from '../../engine/index';
import type { StreamHistory } from '../../store/history';

export interface Span {
  readonly from: number;
  readonly to: number;
  readonly label: string;
  readonly kind: string;
  readonly detail?: string;
}

/** The stream's status as spans; the last one runs to `now`. */
export function statusSpans(history: StreamHistory, now: number): Span[] {
  return history.status.map((s) => ({
    from: s.from,
    to: s.to ?? now,
    label: s.status,
    kind: s.status,
    ...(s.reason ? { detail: s.reason } : {}),
  }));
}

/** Encryption as spans: NONE, or KMS with the key it uses. */
export function encryptionSpans(history: StreamHistory, now: number): Span[] {
  const changes = history.encryption;
  return changes.map((c, i) => ({
    from: c.t,
    to: changes[i + 1]?.t ?? now,
    label: c.type === 'KMS' ? `KMS ${c.keyId ?? ''}`.trim() : 'NONE',
    kind: c.type,
    ...(c.keyId ? { detail: c.keyId } : {}),
  }));
}

export const KEY_CHANGE_BUDGET = ENCRYPTION_CHANGES_PER_DAY;
export const BUDGET_WINDOW_MS = 24 * 3_600_000;

/** Key applications and encryption disables used in the rolling 24 hours before `now`, of 25 each. */
export function keyBudget(stream: StreamState, now: number): { applied: number; disabled: number; limit: number } {
  const since = now - BUDGET_WINDOW_MS;
  const count = (ts: readonly number[] | undefined) => (ts ?? []).filter((t) => t > since && t <= now).length;
  return {
    applied: count(stream.keyApplications),
    disabled: count(stream.encryptionDisables),
    limit: KEY_CHANGE_BUDGET,
  };
}

/** The time extent a timeline should show: the stream's life up to now, with a little room after now. */
export function timeExtent(stream: StreamState, now: number): [number, number] {
  const span = Math.max(1000, now - stream.createdAt);
  return [stream.createdAt, stream.createdAt + span * 1.04];
}

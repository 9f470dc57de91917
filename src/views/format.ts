/** Small formatters shared by the views. */

/** Virtual epoch ms as "HH:MM:SS.mmm" UTC (the date is shown once, in the axis title). */
export function clockTime(ms: number): string {
  return isoTime(ms).slice(11, 23);
}

/** Beyond what a date can show (±8.64e15 ms), a placeholder instead of an exception. */
export function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '????-??-??T??:??:??.???Z' : date.toISOString();
}

/** A duration in the largest sensible unit: "250 ms", "4.2 s", "3 min 5 s", "2 h 10 min". */
export function duration(ms: number): string {
  const a = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(a < 10_000 ? 1 : 0)} s`;
  if (a < 3_600_000) {
    const m = Math.floor(a / 60_000);
    const s = Math.floor((a % 60_000) / 1000);
    return `${sign}${m} min${s ? ` ${s} s` : ''}`;
  }
  const h = Math.floor(a / 3_600_000);
  const m = Math.floor((a % 3_600_000) / 60_000);
  return `${sign}${h} h${m ? ` ${m} min` : ''}`;
}

export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

/** "shardId-000000000003" → "3" for tight labels; the full id stays in tooltips. */
export function shortShard(shardId: string): string {
  const i = shardId.indexOf('-');
  const n = Number(shardId.slice(i + 1));
  return Number.isFinite(n) ? String(n) : shardId;
}

/** Shortens a long decimal string in the middle: "3402823669…1884105727". */
export function ellipsize(text: string, keep = 10): string {
  return text.length <= keep * 2 + 1 ? text : `${text.slice(0, keep)}…${text.slice(-keep)}`;
}

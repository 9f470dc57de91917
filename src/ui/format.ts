/** Time and value formatting shared by the panels. */

/** Virtual epoch ms as a UTC clock reading: 2017-07-14 02:40:05.250 UTC. */
export const formatClock = (t: number): string => `${new Date(t).toISOString().replace('T', ' ').replace('Z', '')} UTC`;

/** Elapsed virtual time since the session began: T+1:02.5, T+2h 03:04. */
export function formatElapsed(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const total = Math.abs(ms) / 1000;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = seconds.toFixed(1).padStart(4, '0');
  return hours > 0 ? `T${sign}${hours}h ${String(minutes).padStart(2, '0')}:${ss}` : `T${sign}${minutes}:${ss}`;
}

export const formatSpeed = (speed: number): string =>
  `${speed >= 10 ? Math.round(speed) : speed.toFixed(speed < 1 ? 2 : 1).replace(/\.?0+$/, '')}×`;

/** The stream a request names (StreamName, or the name inside StreamARN). */
export function streamOf(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const { StreamName, StreamARN } = input as { StreamName?: unknown; StreamARN?: unknown };
  if (typeof StreamName === 'string') return StreamName;
  if (typeof StreamARN === 'string') return StreamARN.split(':stream/')[1];
  return undefined;
}

/**
 * Ticks for a hash axis zoomed to [f0, f1] (fractions of the space): five evenly spaced, labelled
 * as percentages of the space with as many digits as tell them apart. null for the whole space,
 * whose ticks are the powers of two.
 */
export function hashAxisTicks(f0: number, f1: number): [number, string][] | null {
  if (f0 <= 0 && f1 >= 1) return null;
  const span = f1 - f0;
  const digits = Math.min(12, Math.max(0, Math.ceil(-Math.log10(span / 4)) - 1));
  return [0, 0.25, 0.5, 0.75, 1].map((k) => {
    const f = f0 + k * span;
    return [f, `${(f * 100).toFixed(digits)}%`];
  });
}

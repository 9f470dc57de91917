/**
 * Colours for shards: the Okabe–Ito set (safe for the common colour-vision deficiencies), with a
 * dark-theme variant lifted in lightness so marks stay readable on a dark projector. Past eight
 * shards the hues repeat; bands and lanes also carry their shard id, so colour is never the only cue.
 */
const LIGHT = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6D00', '#5E5E5E'];
const DARK = ['#4FA8E0', '#F2B53A', '#2FCB9B', '#E59BC6', '#8FD1F5', '#FF8A45', '#E3CF5B', '#BDBDBD'];

export type Theme = 'light' | 'dark';

export function shardColor(index: number, theme: Theme = 'light'): string {
  const set = theme === 'dark' ? DARK : LIGHT;
  return set[((index % set.length) + set.length) % set.length]!;
}

/** Fixed meanings, shared by every view's legend. */
export const SEMANTIC = {
  light: {
    none: '#8A8A8A',
    kms: '#0072B2',
    creating: '#E69F00',
    active: '#009E73',
    updating: '#56B4E9',
    deleting: '#D55E00',
    throttle: '#D55E00',
    hot: '#D55E00',
  },
  dark: {
    none: '#9E9E9E',
    kms: '#4FA8E0',
    creating: '#F2B53A',
    active: '#2FCB9B',
    updating: '#8FD1F5',
    deleting: '#FF8A45',
    throttle: '#FF8A45',
    hot: '#FF8A45',
  },
} as const;

export type SemanticColors = (typeof SEMANTIC)[Theme];

export function statusColor(status: string, theme: Theme): string {
  const c = SEMANTIC[theme];
  switch (status) {
    case 'CREATING':
      return c.creating;
    case 'ACTIVE':
      return c.active;
    case 'UPDATING':
      return c.updating;
    case 'DELETING':
      return c.deleting;
    default:
      return c.none;
  }
}

/** A sequential ramp for density (low → high), readable in both themes. */
export function heatColor(t: number, theme: Theme): string {
  const x = Math.max(0, Math.min(1, t));
  // viridis-like stops; cividis would also do. Interpolated linearly in RGB.
  const stops =
    theme === 'dark'
      ? [
          [40, 40, 60],
          [33, 145, 140],
          [253, 231, 37],
        ]
      : [
          [240, 240, 240],
          [33, 145, 140],
          [68, 1, 84],
        ];
  const seg = x < 0.5 ? 0 : 1;
  const f = x < 0.5 ? x * 2 : (x - 0.5) * 2;
  const a = stops[seg]!;
  const b = stops[seg + 1]!;
  const mix = (i: number) => Math.round(a[i]! + (b[i]! - a[i]!) * f);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

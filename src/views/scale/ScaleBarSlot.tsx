import type { StreamState } from '../../engine/index';
import { isWhole } from './hashWindow';
import { useHashWindow } from './hashZoom';
import { openShardsOf } from './openShards';
import { ScaleBar } from './ScaleBar';
import { SCALE_BAR_SHARDS } from './thresholds';

/** The zoom and search bar, shown for a stream with many open shards (or while zoomed). */
export function ScaleBarSlot({ stream }: { stream: StreamState | undefined }) {
  const window = useHashWindow(stream?.name ?? '');
  if (!stream) return null;
  if (openShardsOf(stream).shards.length <= SCALE_BAR_SHARDS && isWhole(window)) return null;
  return <ScaleBar stream={stream} />;
}

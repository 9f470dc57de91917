import { useCallback, useState } from 'react';

export interface Tip {
  readonly x: number;
  readonly y: number;
  readonly lines: readonly string[];
}

/** A tooltip positioned inside a view's body (which is `position: relative`). */
export function useTooltip(): [Tip | null, (tip: Tip | null) => void] {
  const [tip, setTip] = useState<Tip | null>(null);
  const show = useCallback((t: Tip | null) => setTip(t), []);
  return [tip, show];
}

export function Tooltip({ tip }: { tip: Tip | null }) {
  if (!tip) return null;
  return (
    <div className="ss-tooltip" role="tooltip" style={{ left: tip.x + 12, top: tip.y + 12 }}>
      {tip.lines.map((l, i) => (
        <div key={i} className={i === 0 ? 'ss-tooltip-head' : undefined}>
          {l}
        </div>
      ))}
    </div>
  );
}

import { useRef, type ReactNode } from 'react';
import { exportPng, exportSvg } from './export';
import { useInStageCell } from './stageLayout';

export interface LegendItem {
  readonly label: string;
  readonly color?: string;
  readonly shape?: 'square' | 'line' | 'dot' | 'tick' | 'ring' | 'triangle' | 'dash' | 'cross';
}

/** A view: a labelled region with a title, a legend, export buttons and a drawing body. */
export function Panel({
  title,
  legend,
  children,
  tools,
  className,
}: {
  title: string;
  legend: readonly LegendItem[];
  children: ReactNode;
  tools?: ReactNode;
  className?: string;
}) {
  const body = useRef<HTMLDivElement>(null);
  // In a stage cell the legend is one line that scrolls sideways and the drawing scrolls within
  // the cell, so both take the keyboard too.
  const inCell = useInStageCell();
  const file = title.toLowerCase().replace(/\s+/g, '-');
  return (
    <section role="region" aria-label={title} className={`ss-view ${className ?? ''}`}>
      <header className="ss-view-head">
        <h2>{title}</h2>
        <div className="ss-view-tools">
          {tools}
          <button
            type="button"
            onClick={() => body.current && exportSvg(body.current, file)}
            aria-label={`Export ${title} as SVG`}
          >
            SVG
          </button>
          <button
            type="button"
            onClick={() => {
              if (body.current) void exportPng(body.current, file);
            }}
            aria-label={`Export ${title} as PNG`}
          >
            PNG
          </button>
        </div>
      </header>
      <ul className="ss-legend" aria-label={`${title} legend`} tabIndex={inCell ? 0 : undefined}>
        {legend.map((item) => (
          <li key={item.label}>
            <span
              className={`ss-swatch ss-swatch-${item.shape ?? 'square'}`}
              style={item.color ? { ['--swatch' as string]: item.color } : undefined}
              aria-hidden="true"
            />
            {item.label}
          </li>
        ))}
      </ul>
      <div className="ss-view-body" ref={body} tabIndex={inCell ? 0 : undefined}>
        {children}
      </div>
    </section>
  );
}

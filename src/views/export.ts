/**
 * Exports a view's drawing (its SVG layers and canvas layers, stacked as on screen) as a
 * standalone SVG, or as a PNG rasterised from that SVG. Styles set by CSS (theme variables) are
 * inlined so the file looks the same outside the page.
 */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

function inlineStyles(source: Element, target: Element): void {
  const cs = getComputedStyle(source);
  const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  target.setAttribute('style', style);
  const a = source.children;
  const b = target.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i]!, b[i]!);
}

export function viewToSvg(container: HTMLElement): { svg: string; width: number; height: number } {
  const box = container.getBoundingClientRect();
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  const ns = 'http://www.w3.org/2000/svg';
  const root = document.createElementNS(ns, 'svg');
  root.setAttribute('xmlns', ns);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(container).backgroundColor || '#ffffff');
  root.appendChild(bg);
  const layers = container.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg');
  layers.forEach((layer) => {
    const r = layer.getBoundingClientRect();
    const x = r.left - box.left;
    const y = r.top - box.top;
    if (layer instanceof HTMLCanvasElement) {
      const img = document.createElementNS(ns, 'image');
      img.setAttribute('x', String(x));
      img.setAttribute('y', String(y));
      img.setAttribute('width', String(r.width));
      img.setAttribute('height', String(r.height));
      img.setAttribute('href', layer.toDataURL('image/png'));
      root.appendChild(img);
    } else {
      const clone = layer.cloneNode(true) as SVGSVGElement;
      inlineStyles(layer, clone);
      const g = document.createElementNS(ns, 'g');
      g.setAttribute('transform', `translate(${x},${y})`);
      while (clone.firstChild) g.appendChild(clone.firstChild);
      root.appendChild(g);
    }
  });
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportSvg(container: HTMLElement, name: string): string {
  const { svg } = viewToSvg(container);
  download(new Blob([svg], { type: 'image/svg+xml' }), `${name}.svg`);
  return svg;
}

export async function exportPng(container: HTMLElement, name: string): Promise<Blob> {
  const { svg, width, height } = viewToSvg(container);
  const scale = 2;
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('Could not rasterise the view'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
    download(blob, `${name}.png`);
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}

// A small log–log line chart as a standalone SVG (no chart library): cost against page size.

export interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  /** x > 0, y > 0 (log scales); points with a non-finite or non-positive value are skipped. */
  points: { x: number; y: number; low?: number; high?: number }[];
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  width?: number;
  height?: number;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function logLogChart(series: readonly Series[], options: ChartOptions): string {
  const width = options.width ?? 760;
  const height = options.height ?? 460;
  const margin = { left: 78, right: 200, top: 44, bottom: 56 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const valid = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v > 0;
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).filter(valid);
  const ys = series.flatMap((s) => s.points.flatMap((p) => [p.y, p.low, p.high])).filter(valid);
  if (xs.length === 0 || ys.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60"><text x="10" y="30">no data</text></svg>`;
  const x0 = Math.floor(Math.log10(Math.min(...xs)));
  const x1 = Math.ceil(Math.log10(Math.max(...xs)));
  const y0 = Math.floor(Math.log10(Math.min(...ys)));
  const y1 = Math.ceil(Math.log10(Math.max(...ys)));
  const sx = (x: number) => margin.left + ((Math.log10(x) - x0) / Math.max(1, x1 - x0)) * plotW;
  const sy = (y: number) => margin.top + plotH - ((Math.log10(y) - y0) / Math.max(1, y1 - y0)) * plotH;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${margin.left}" y="24" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`);
  // Grid and ticks: one line per decade.
  for (let e = x0; e <= x1; e++) {
    const x = sx(10 ** e);
    out.push(`<line x1="${x}" y1="${margin.top}" x2="${x}" y2="${margin.top + plotH}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x}" y="${margin.top + plotH + 18}" text-anchor="middle">${escapeXml(options.formatX(10 ** e))}</text>`);
  }
  for (let e = y0; e <= y1; e++) {
    const y = sy(10 ** e);
    out.push(`<line x1="${margin.left}" y1="${y}" x2="${margin.left + plotW}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${margin.left - 8}" y="${y + 4}" text-anchor="end">${escapeXml(options.formatY(10 ** e))}</text>`);
  }
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  out.push(`<text x="${margin.left + plotW / 2}" y="${height - 14}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  out.push(
    `<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const points = s.points.filter((p) => valid(p.x) && valid(p.y)).sort((a, b) => a.x - b.x);
    if (points.length === 0) return;
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const p of points) {
      if (valid(p.low) && valid(p.high)) {
        out.push(
          `<line x1="${sx(p.x).toFixed(1)}" y1="${sy(p.low).toFixed(1)}" x2="${sx(p.x).toFixed(1)}" y2="${sy(p.high).toFixed(1)}" stroke="${s.color}" stroke-width="1.5"/>`,
        );
      }
      out.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3.5" fill="${s.color}"/>`);
    }
    const ly = margin.top + 10 + i * 20;
    const lx = margin.left + plotW + 16;
    out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

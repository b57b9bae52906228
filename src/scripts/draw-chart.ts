import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';

/**
 * Draws one chart from the table printed with it (see DataCharts.astro and CatalogChart.astro), so
 * the picture and the numbers a screen reader reads are the same. Loaded on demand: only the
 * Chart.js parts these three chart types need are imported (tree-shaken by the bundler).
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);

const dark = window.matchMedia('(prefers-color-scheme: dark)');
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const charts = new Set<Chart>();

/** Colours come from the page's own custom properties, so the charts follow light and dark schemes. */
function palette() {
  const style = getComputedStyle(document.documentElement);
  const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { text: value('--text', '#1a1d21'), grid: value('--border', '#c9d0d7'), bar: value('--link', '#0a5c8a') };
}

function applyPalette(chart: Chart) {
  const { text, grid, bar } = palette();
  const dataset = chart.data.datasets[0]!;
  dataset.backgroundColor = bar;
  dataset.borderColor = bar;
  for (const scale of Object.values(chart.options.scales ?? {})) {
    if (!scale) continue;
    scale.ticks = { ...scale.ticks, color: text };
    scale.grid = { ...scale.grid, color: grid };
  }
  chart.update('none');
}

dark.addEventListener('change', () => charts.forEach(applyPalette));
reducedMotion.addEventListener('change', () => charts.forEach((chart) => ((chart.options.animation = reducedMotion.matches ? false : {}), chart.update('none'))));

export function drawChart(figure: HTMLElement): void {
  const holder = figure.querySelector<HTMLElement>('[data-chart-canvas]');
  const table = figure.querySelector<HTMLTableElement>('table[data-chart-table]');
  if (!holder || !table || holder.querySelector('canvas')) return;
  const rows = [...table.tBodies[0]!.rows];
  const labels = rows.map((row) => row.cells[0]!.textContent.trim());
  const counts = rows.map((row) => Number(row.querySelector<HTMLElement>('[data-count]')!.dataset.count));
  // A partial first or last period (DataCharts.astro marks it) is drawn dashed, so a short month does not read as a drop.
  const partial = rows.map((row) => row.hasAttribute('data-partial'));
  const kind = figure.dataset.chart;
  const valueLabel = table.tHead?.rows[0]?.cells[1]?.textContent?.trim() || 'Rows';
  const title = figure.querySelector('h3')?.textContent?.trim() ?? 'Chart';

  const canvas = document.createElement('canvas');
  // The picture repeats what the summary above and the table below say in words and numbers.
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${title}. The summary above and the table below give its numbers.`);
  canvas.textContent = 'The numbers of this chart are in the table below.';
  holder.dataset.kind = kind;
  holder.append(canvas);
  holder.hidden = false;

  const horizontal = kind === 'categories';
  const { text, grid, bar } = palette();
  // Counts are whole numbers: no tick at 0.2 of a dataset.
  const axis = (counts: boolean) => ({ beginAtZero: counts, ticks: { color: text, ...(counts ? { precision: 0 } : {}) }, grid: { color: grid } });
  const config: ChartConfiguration<'bar' | 'line'> = {
    type: kind === 'timeline' ? 'line' : 'bar',
    data: {
      labels,
      datasets: [
        {
          label: valueLabel,
          data: counts,
          backgroundColor: bar,
          borderColor: bar,
          borderWidth: 2,
          pointRadius: partial.map((p) => (p ? 4 : 0)),
          pointStyle: 'rectRot',
          segment: { borderDash: (ctx: { p0DataIndex: number; p1DataIndex: number }) => (partial[ctx.p0DataIndex] || partial[ctx.p1DataIndex] ? [6, 4] : undefined) },
          categoryPercentage: kind === 'histogram' ? 1 : 0.8,
          barPercentage: kind === 'histogram' ? 0.95 : 0.9,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      animation: reducedMotion.matches ? false : { duration: 400 },
      plugins: { tooltip: { enabled: true } },
      scales: { x: axis(horizontal), y: axis(!horizontal) },
    },
  };
  const chart = new Chart(canvas, config);
  charts.add(chart);
  figure.dataset.chartAnimated = String(!reducedMotion.matches);
  figure.dataset.chartReady = 'true';
}

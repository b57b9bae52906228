/**
 * Draws the charts of CatalogChart components when they scroll into view. Chart.js is imported
 * only then, as its own file, so a page's first load carries a few hundred bytes of this loader
 * and nothing of Chart.js. Colours come from the page's CSS, so charts follow the colour scheme.
 */

interface ChartSpec {
  labels: string[];
  values: number[];
  label: string;
  horizontal: boolean;
}

async function draw(container: HTMLElement): Promise<void> {
  const spec = JSON.parse(container.dataset.chart ?? '{}') as ChartSpec;
  const canvas = container.querySelector('canvas');
  if (!canvas) return;
  const { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip } = await import('chart.js');
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
  const style = getComputedStyle(document.documentElement);
  const colour = (name: string) => style.getPropertyValue(name).trim();
  container.hidden = false;
  new Chart(canvas, {
    type: 'bar',
    data: { labels: spec.labels, datasets: [{ label: spec.label, data: spec.values, backgroundColor: colour('--link') }] },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: {
        x: { ticks: { color: colour('--text'), precision: 0 }, grid: { color: colour('--border') }, beginAtZero: true },
        y: { ticks: { color: colour('--text'), precision: 0 }, grid: { color: colour('--border') }, beginAtZero: true },
      },
    },
  });
  container.dataset.drawn = 'true';
}

export function drawChartsWhenVisible(): void {
  const containers = [...document.querySelectorAll<HTMLElement>('[data-chart]')];
  if (containers.length === 0) return;
  // A hidden container takes no space and never intersects: watch the chart's section instead.
  const observer = new IntersectionObserver(
    (observed) => {
      for (const item of observed) {
        if (!item.isIntersecting) continue;
        observer.unobserve(item.target);
        const container = item.target.querySelector<HTMLElement>('[data-chart]');
        // The table beside the chart holds the same numbers, so a chart that fails leaves nothing missing.
        if (container) draw(container).catch((error: unknown) => console.error('Chart not drawn:', error));
      }
    },
    { rootMargin: '200px 0px' },
  );
  for (const container of containers) observer.observe(container.closest('section') ?? container);
}

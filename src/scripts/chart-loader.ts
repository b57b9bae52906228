/**
 * Draws every chart figure (`figure[data-chart]`, from DataCharts and CatalogChart) when it scrolls
 * near the viewport. Chart.js and the drawing code are imported only then, as their own file, so a
 * page's first load carries only this loader. A chart that fails leaves its summary and table.
 */
export function drawChartsWhenVisible(): void {
  const figures = document.querySelectorAll<HTMLElement>('figure[data-chart]');
  if (figures.length === 0 || !('IntersectionObserver' in window)) return;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        import('./draw-chart.ts').then(({ drawChart }) => drawChart(entry.target as HTMLElement)).catch((error: unknown) => console.error('Chart not drawn:', error));
      }
    },
    { rootMargin: '200px 0px' },
  );
  figures.forEach((figure) => observer.observe(figure));
}

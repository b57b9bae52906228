/**
 * Progressive enhancement of the dataset page's preview table (PreviewTable.astro): column headers
 * become sort buttons (with `aria-sort`), a labelled filter box keeps matching rows, and a status
 * line announces the row count. The first interaction loads the version's `sample.csv` (its first
 * rows, encoded as data.csv) and PapaParse, so nothing extra is downloaded for a reader who only
 * reads. Without JavaScript the server-rendered table stays as it is.
 */

import { forDisplay } from '../shared/display-text.ts';

export type Cell = string | null;
type Direction = 'ascending' | 'descending';

/**
 * A CSV cell as the page shows it: exactly as data.csv holds it (true/false, and the apostrophe
 * that guards a would-be formula, see src/shared/csv-value.ts), with an empty cell as null.
 */
export function displayValue(cell: string | undefined): Cell {
  return cell === undefined || cell === '' ? null : cell;
}

/** Rows with `needle` in any cell, ignoring case. */
export function filterRows(rows: readonly Cell[][], needle: string): Cell[][] {
  const n = needle.trim().toLocaleLowerCase();
  if (n === '') return [...rows];
  return rows.filter((row) => row.some((cell) => cell !== null && cell.toLocaleLowerCase().includes(n)));
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A stable sort on one column; numbers as numbers; empty cells last in both directions. */
export function sortRows(rows: readonly Cell[][], column: number, direction: Direction, numeric: boolean): Cell[][] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[column] ?? null;
    const y = b[column] ?? null;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
    return (Number.isNaN(order) ? collator.compare(x, y) : order) * sign;
  });
}

function emptyCell(): HTMLElement {
  const span = document.createElement('span');
  span.className = 'cell-empty';
  const dash = document.createElement('span');
  dash.setAttribute('aria-hidden', 'true');
  dash.textContent = '–';
  const text = document.createElement('span');
  text.className = 'sr-only';
  text.textContent = 'empty';
  span.append(dash, text);
  return span;
}

const number = new Intl.NumberFormat('en');

export function enhancePreview(region: HTMLElement): void {
  const table = region.querySelector('table');
  if (!table?.tBodies[0] || !table.caption) return;
  const tbody: HTMLTableSectionElement = table.tBodies[0];
  const caption: HTMLTableCaptionElement = table.caption;
  const headers = [...table.tHead!.rows[0]!.cells];
  const columns = headers.map((th) => ({ title: th.dataset.title ?? th.textContent.trim(), numeric: th.hasAttribute('data-numeric') }));
  const readCell = (td: HTMLTableCellElement): Cell => (td.querySelector('.cell-empty') ? null : td.textContent);
  let rows: Cell[][] = [...tbody.rows].map((tr) => [...tr.cells].map(readCell));
  let source = 'the rows above';
  let sort: { column: number; direction: Direction } | null = null;
  let filter = '';
  let failure = '';
  const sampleUrl = region.dataset.sampleUrl;
  const sampleRows = Number(region.dataset.sampleRows ?? 0);
  const totalRows = Number(region.dataset.totalRows ?? rows.length);
  const title = region.dataset.title ?? '';

  const tools = document.createElement('div');
  tools.className = 'preview-tools';
  const label = document.createElement('label');
  label.htmlFor = 'preview-filter';
  label.textContent = 'Filter rows';
  const input = document.createElement('input');
  input.type = 'search';
  input.id = 'preview-filter';
  input.autocomplete = 'off';
  input.setAttribute('aria-describedby', 'preview-hint');
  const hint = document.createElement('p');
  hint.id = 'preview-hint';
  hint.className = 'muted';
  hint.textContent =
    (sampleUrl && sampleRows > rows.length ? `Filtering and sorting use the first ${number.format(sampleRows)} of ${number.format(totalRows)} rows, loaded when you start. ` : '') +
    'Keeps rows with this text in any column. Sort with the buttons in the column headers.';
  const status = document.createElement('p');
  status.className = 'preview-status';
  status.setAttribute('role', 'status');
  tools.append(label, input, hint, status);
  region.before(tools);

  const buttons = headers.map((th, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    const icon = document.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    icon.className = 'sort-icon';
    icon.textContent = '↕';
    // The title and the column's name in the file stay in the button, one above the other.
    const label = document.createElement('span');
    label.className = 'sort-label';
    label.append(...th.childNodes);
    button.append(label, icon);
    th.replaceChildren(button);
    // loadSample never rejects: a failed load is reported in the status line.
    button.addEventListener('click', () => {
      void loadSample().then(() => {
        sort = { column: index, direction: sort?.column === index && sort.direction === 'ascending' ? 'descending' : 'ascending' };
        render();
      });
    });
    return button;
  });

  let loading: Promise<void> | null = null;
  function loadSample(): Promise<void> {
    if (!sampleUrl || sampleRows <= rows.length) return Promise.resolve();
    loading ??= (async () => {
      status.textContent = `Loading the first ${number.format(sampleRows)} rows…`;
      try {
        const [response, { default: Papa }] = await Promise.all([fetch(sampleUrl), import('papaparse')]);
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        const parsed = Papa.parse<string[]>(await response.text(), { skipEmptyLines: true });
        const [header, ...data] = parsed.data;
        if (!header || header.length !== columns.length) throw new Error('its columns do not match this table');
        rows = data.map((row) => columns.map((_, i) => displayValue(row[i])));
        source = `the first ${number.format(rows.length)} rows`;
        status.textContent = `The first ${number.format(rows.length)} rows are ready to filter and sort.`;
      } catch (error) {
        failure = `The sample rows could not be loaded (${(error as Error).message}); filtering and sorting use the rows shown. `;
        status.textContent = failure;
      }
    })();
    return loading;
  }

  function render(): void {
    let shown = filterRows(rows, filter);
    if (sort) shown = sortRows(shown, sort.column, sort.direction, columns[sort.column]!.numeric);
    const body = document.createDocumentFragment();
    for (const row of shown) {
      const tr = document.createElement('tr');
      row.forEach((cell, i) => {
        const td = document.createElement('td');
        if (columns[i]!.numeric) td.className = 'num';
        if (cell === null) td.append(emptyCell());
        // Shown cut to a readable length; filtering and sorting use the whole value.
        else td.textContent = forDisplay(cell);
        tr.append(td);
      });
      body.append(tr);
    }
    tbody.replaceChildren(body);
    headers.forEach((th, i) => {
      if (sort?.column === i) th.setAttribute('aria-sort', sort.direction);
      else th.removeAttribute('aria-sort');
      buttons[i]!.lastElementChild!.textContent = sort?.column === i ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕';
    });
    caption.textContent = `${number.format(shown.length)} of ${source === 'the rows above' ? `the first ${number.format(rows.length)} rows` : source} of ${title}`;
    const sorted = sort ? `, sorted by ${columns[sort.column]!.title}, ${sort.direction}` : '';
    const matching = filter.trim() ? ` containing “${filter.trim()}”` : '';
    status.textContent = `${failure}Showing ${number.format(shown.length)} of ${number.format(rows.length)} rows${matching}${sorted}.`;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  // Fetch on focus so typing is instant, but change the table only once the reader filters or sorts.
  input.addEventListener('focus', () => void loadSample(), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      filter = input.value;
      void loadSample().then(render);
    }, 250);
  });
}

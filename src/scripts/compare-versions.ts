import { compareRows, KeyMismatch, type RowComparison } from '../lib/compare-rows.ts';
import { formatBytes, formatDate, formatInteger } from '../lib/format.ts';
import { urls } from '../lib/urls.ts';
import { describeColumnChanges, describeRowChanges } from '../lib/version-changes.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { columnChanges } from '../shared/column-changes.ts';

/**
 * The compare page with JavaScript: the reader picks any two versions (kept in the address as
 * ?from=…&to=…, so Back works and a comparison can be shared), the page loads their manifests for
 * the row counts and columns and, when the dataset has a key, both CSV files to match the rows
 * (see src/lib/compare-rows.ts). Large files are loaded only when the reader asks.
 */

/** Both CSV files together up to this size are compared straight away; larger ones on request. */
const AUTO_BYTES = 30_000_000;

type Child = Node | string | null | undefined | false;

function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

async function fetchManifest(id: string, version: string): Promise<Manifest> {
  const response = await fetch(urls.versionFile(id, version, 'manifest.json'));
  if (!response.ok) throw new Error(`version ${version} could not be loaded (the server answered ${response.status})`);
  return (await response.json()) as Manifest;
}

async function fetchTable(id: string, version: string) {
  const [response, { default: Papa }] = await Promise.all([fetch(urls.versionFile(id, version, 'data.csv')), import('papaparse')]);
  if (!response.ok) throw new Error(`the CSV file of version ${version} could not be loaded (the server answered ${response.status})`);
  const [header = [], ...rows] = Papa.parse<string[]>(await response.text(), { skipEmptyLines: true }).data;
  return { header, rows };
}

function samples(result: RowComparison, key: readonly string[], from: string, to: string): HTMLElement {
  const keyName = key.join(' + ');
  const box = el('div');
  if (result.changedSample.length > 0) {
    const body = el('tbody');
    for (const row of result.changedSample) {
      // The key on every line (no rowspan): each line stands alone when the table stacks on a phone.
      row.cells.forEach((cell) => {
        body.append(
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, row.key),
            el('td', { 'data-label': 'Column' }, cell.column),
            el('td', { 'data-label': `In ${from}` }, cell.before === '' ? '(empty)' : cell.before),
            el('td', { 'data-label': `In ${to}` }, cell.after === '' ? '(empty)' : cell.after),
          ),
        );
      });
    }
    box.append(
      el('h3', {}, 'Changed rows, side by side'),
      el(
        'div',
        { class: 'table-scroll stack-narrow-region', role: 'region', 'aria-labelledby': 'changed-caption', tabindex: '0' },
        el(
          'table',
          { class: 'stack-narrow' },
          el('caption', { id: 'changed-caption' }, `The first ${formatInteger(result.changedSample.length)} of ${formatInteger(result.changed)} changed rows: the values that differ`),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, keyName), el('th', { scope: 'col' }, 'Column'), el('th', { scope: 'col' }, `In ${from}`), el('th', { scope: 'col' }, `In ${to}`))),
          body,
        ),
      ),
    );
  }
  const keyList = (title: string, keys: string[], total: number) =>
    keys.length > 0 && [
      el('h3', {}, title),
      el('p', {}, `${keys.length < total ? `The first ${formatInteger(keys.length)} of ${formatInteger(total)}, by ${keyName}` : `By ${keyName}`}: ${keys.join(', ')}.`),
    ];
  for (const part of [keyList('Rows added', result.addedSample, result.added), keyList('Rows removed', result.removedSample, result.removed)]) if (part) box.append(...part);
  return box;
}

export function enhanceCompare(form: HTMLFormElement): void {
  const id = form.dataset.dataset!;
  const key = JSON.parse(form.dataset.key ?? '[]') as string[];
  const fromSelect = form.querySelector<HTMLSelectElement>('#compare-from')!;
  const toSelect = form.querySelector<HTMLSelectElement>('#compare-to')!;
  const status = document.querySelector<HTMLElement>('[data-compare-status]')!;
  const result = document.querySelector<HTMLElement>('[data-compare-result]')!;
  const versions = [...toSelect.options].map((o) => o.value);
  let run = 0;

  async function compare(from: string, to: string): Promise<void> {
    const current = ++run;
    if (from === to) {
      status.textContent = 'Choose two different versions to compare.';
      return;
    }
    status.textContent = `Comparing version ${from} with version ${to}…`;
    try {
      const [older, newer] = await Promise.all([fetchManifest(id, from), fetchManifest(id, to)]);
      if (current !== run) return;
      const changes = {
        previousVersion: from,
        rowsBefore: older.rowCount,
        rowsAfter: newer.rowCount,
        rows: { method: 'count' as const, reason: '' },
        columns: columnChanges(older.columns, newer.columns),
      };
      const rowLine = el('p', { 'data-row-changes': '' }, describeRowChanges(changes));
      const sampleBox = el('div', { 'data-row-samples': '' });
      result.replaceChildren(
        el(
          'div',
          { class: 'comparison', 'data-comparison': '', 'data-from': from, 'data-to': to },
          el('h2', { id: 'comparison-heading' }, 'Version ', el('a', { href: urls.version(id, from) }, from), ' compared with version ', el('a', { href: urls.version(id, to) }, to)),
          el(
            'dl',
            { class: 'facts comparison__facts' },
            el('div', {}, el('dt', {}, 'Rows'), el('dd', { 'data-rows': '' }, `${formatInteger(older.rowCount)} → ${formatInteger(newer.rowCount)}`)),
            el('div', {}, el('dt', {}, 'Dates of the versions'), el('dd', {}, `${formatDate(older.snapshotAt)} and ${formatDate(newer.snapshotAt)}`)),
          ),
          el('h3', {}, 'Rows'),
          rowLine,
          el('h3', {}, 'Columns'),
          el('p', { 'data-column-changes': '' }, describeColumnChanges(changes) ?? 'The same columns, with the same types.'),
          sampleBox,
        ),
      );
      const done = `Compared version ${from} with version ${to}: ${describeRowChanges(changes)}`;
      const csvBytes = (m: Manifest) => m.files.find((f) => f.name === 'data.csv')?.bytes;
      const bytes = [csvBytes(older), csvBytes(newer)];
      if (key.length === 0 || bytes.includes(undefined)) {
        status.textContent = done;
        return;
      }
      const total = bytes.reduce((a, b) => a! + b!, 0)!;
      const matchRows = async () => {
        status.textContent = `Matching the rows by ${key.join(' + ')} (loading ${formatBytes(total)})…`;
        try {
          const [a, b] = await Promise.all([fetchTable(id, from), fetchTable(id, to)]);
          if (current !== run) return;
          const rows = compareRows(a, b, key);
          const line = `Matched by ${key.join(' + ')}: ${describeRowChanges({ ...changes, rows: { method: 'key', key, added: rows.added, removed: rows.removed, changed: rows.changed } })}`;
          rowLine.textContent = line + (rows.duplicateKeys > 0 ? ` ${formatInteger(rows.duplicateKeys)} rows share a key with another row and could not be matched.` : '');
          sampleBox.replaceChildren(samples(rows, key, from, to));
          status.textContent = `Compared version ${from} with version ${to}. ${line}`;
        } catch (error) {
          const why = error instanceof KeyMismatch ? error.message : `The rows could not be matched: ${(error as Error).message}.`;
          rowLine.textContent = `${describeRowChanges(changes)} ${why}`;
          status.textContent = why;
        }
      };
      if (total <= AUTO_BYTES) return void (await matchRows());
      const button = el('button', { type: 'button' }, `Match the rows by key (loads ${formatBytes(total)})`);
      button.addEventListener('click', () => void matchRows(), { once: true });
      sampleBox.replaceChildren(button);
      status.textContent = `${done} The CSV files are large: match the rows with the button below.`;
    } catch (error) {
      status.textContent = `The comparison failed: ${(error as Error).message}.`;
    }
  }

  function fromAddress(): [string, string] | null {
    const params = new URLSearchParams(window.location.search);
    const from = params.get('from');
    const to = params.get('to');
    return from && to && versions.includes(from) && versions.includes(to) ? [from, to] : null;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('from', fromSelect.value);
    url.searchParams.set('to', toSelect.value);
    history.pushState(null, '', url);
    void compare(fromSelect.value, toSelect.value);
  });
  window.addEventListener('popstate', () => {
    const pair = fromAddress() ?? [versions[1]!, versions[0]!];
    [fromSelect.value, toSelect.value] = pair;
    void compare(...pair);
  });
  const pair = fromAddress() ?? [fromSelect.value, toSelect.value];
  [fromSelect.value, toSelect.value] = pair;
  void compare(...pair);
}

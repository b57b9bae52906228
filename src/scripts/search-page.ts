import { queryTerms, suggestQuery } from '../lib/search-query.ts';

/**
 * The search page: Pagefind's JavaScript API with our own results (title as a link, a retired
 * badge, the summary with the searched words marked, publisher, last update, rows and formats),
 * a count announced in a live region, "did you mean" from the catalog's own words when nothing is
 * found, and the query and filters kept in the address (?q=…&theme=…), so a search can be shared
 * and Back returns to it. The index holds only what src/lib/search-record.ts puts in it.
 */

interface ResultData {
  url: string;
  meta: Record<string, string | undefined>;
}

interface Pagefind {
  options(options: object): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: object): Promise<{ results: { data(): Promise<ResultData> }[] } | null>;
}

/** Pagefind's ranking: the weights in each dataset's document decide; a dataset with many columns is hardly penalised for its length (tests/e2e/search-relevance.test.ts measures the result). */
const RANKING = { termFrequency: 0.2, pageLength: 0.1, termSaturation: 1.2, termSimilarity: 1 };
const MAX_RESULTS = 50;
const FILTERS = ['theme', 'publisher', 'format', 'frequency'] as const;

interface State {
  q: string;
  filters: Record<string, string[]>;
}

function readState(): State {
  const params = new URLSearchParams(window.location.search);
  return { q: params.get('q') ?? '', filters: Object.fromEntries(FILTERS.map((name) => [name, params.getAll(name)])) };
}

function addressOf(state: State): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of FILTERS) for (const value of state.filters[name] ?? []) params.append(name, value);
  const query = params.toString();
  return `${window.location.pathname}${query ? `?${query}` : ''}`;
}

/** The summary as text nodes, with words starting like a searched word in <mark>. */
function marked(text: string, terms: readonly string[]): Node[] {
  if (terms.length === 0) return [document.createTextNode(text)];
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])((?:${escaped.join('|')})[\\p{L}\\p{N}]*)`, 'giu');
  return text.split(pattern).map((part, index) => {
    if (index % 2 === 0) return document.createTextNode(part);
    const mark = document.createElement('mark');
    mark.textContent = part;
    return mark;
  });
}

function resultItem(data: ResultData, terms: readonly string[]): HTMLLIElement {
  const { meta } = data;
  const li = document.createElement('li');
  li.className = 'search-result';
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = meta.title ?? data.url;
  heading.append(link);
  if (meta.status === 'retired') {
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = 'Retired';
    heading.append(' ', badge);
  }
  const summary = document.createElement('p');
  summary.className = 'search-result__summary';
  summary.append(...marked(meta.summary ?? '', terms));
  const facts = document.createElement('p');
  facts.className = 'search-result__meta';
  const updated = document.createElement('time');
  updated.dateTime = meta.updated ?? '';
  updated.textContent = meta.updatedLabel ?? '';
  facts.append(`${meta.publisher ?? ''} · Updated `, updated, ` · ${meta.rows ?? '?'} rows · ${meta.formats ?? ''}`);
  li.append(heading, summary, facts);
  return li;
}

export async function startSearch(root: HTMLElement): Promise<void> {
  const form = document.querySelector<HTMLFormElement>('form.search-box')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const suggestion = root.querySelector<HTMLElement>('[data-search-suggestion]')!;
  const list = root.querySelector<HTMLOListElement>('[data-search-results]')!;
  const filtersBox = root.querySelector<HTMLDetailsElement>('[data-search-filters]')!;
  const checkboxes = [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];

  let pagefind: Pagefind;
  try {
    const bundle = '/pagefind/pagefind.js';
    pagefind = (await import(/* @vite-ignore */ bundle)) as Pagefind;
    await pagefind.options({ ranking: RANKING, excerptLength: 0 });
    await pagefind.init();
  } catch {
    document.querySelector<HTMLElement>('[data-search-unavailable]')!.hidden = false;
    return;
  }
  root.hidden = false;
  // On a phone the results come first and the filters wait, folded, below them.
  filtersBox.open = window.matchMedia('(min-width: 60rem)').matches || checkboxes.some((c) => c.checked);

  let vocabulary: Promise<[string, number][]> | undefined;
  const loadVocabulary = () =>
    (vocabulary ??= fetch('/search-vocabulary.json')
      .then((r) => (r.ok ? r.json() : { words: [] }))
      .then((v: { words: [string, number][] }) => v.words)
      .catch(() => []));

  const find = async (q: string, filters: State['filters']) => {
    const active = Object.fromEntries(
      Object.entries(filters)
        .filter(([, values]) => values.length > 0)
        .map(([name, values]) => [name, { any: values }]),
    );
    const terms = queryTerms(q);
    if (terms.length === 0 && Object.keys(active).length === 0) return { terms, results: [] as ResultData[] };
    const search = await pagefind.search(terms.length > 0 ? terms.join(' ') : (null as unknown as string), { filters: active });
    const results = await Promise.all((search?.results ?? []).slice(0, MAX_RESULTS).map((r) => r.data()));
    return { terms, results };
  };

  let run = 0;
  async function show(state: State): Promise<void> {
    const current = ++run;
    input.value = state.q;
    for (const box of checkboxes) box.checked = state.filters[box.name]?.includes(box.value) ?? false;
    const filtering = Object.values(state.filters).some((v) => v.length > 0);
    suggestion.hidden = true;
    if (!state.q.trim() && !filtering) {
      list.replaceChildren();
      status.textContent = 'Type words above to search the datasets, or choose a filter.';
      return;
    }
    const { terms, results } = await find(state.q, state.filters);
    if (current !== run) return;
    list.replaceChildren(...results.map((r) => resultItem(r, terms)));
    const what = state.q.trim() ? ` for “${state.q.trim()}”` : '';
    const narrowed = filtering ? ' with the chosen filters' : '';
    if (results.length > 0) {
      status.textContent = `${results.length === 1 ? '1 dataset' : `${results.length} datasets`} found${what}${narrowed}.`;
      return;
    }
    status.textContent = state.q.trim() && terms.length === 0 ? 'No datasets found: search words need at least two letters.' : `No datasets found${what}${narrowed}.`;
    if (terms.length === 0) return;
    const better = suggestQuery(state.q, await loadVocabulary());
    if (!better || current !== run) return;
    const { results: found } = await find(better, state.filters);
    if (found.length === 0 || current !== run) return;
    const link = document.createElement('a');
    link.href = addressOf({ ...state, q: better });
    link.textContent = better;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      go({ ...state, q: better }, 'push');
    });
    suggestion.replaceChildren(' Did you mean ', link, '?');
    suggestion.hidden = false;
  }

  function go(state: State, history: 'push' | 'replace'): void {
    const address = addressOf(state);
    if (address !== `${window.location.pathname}${window.location.search}`) {
      if (history === 'push') window.history.pushState(null, '', address);
      else window.history.replaceState(null, '', address);
    }
    void show(state);
  }

  const stateFromPage = (): State => ({
    q: input.value.trim(),
    filters: Object.fromEntries(FILTERS.map((name) => [name, checkboxes.filter((c) => c.name === name && c.checked).map((c) => c.value)])),
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(stateFromPage(), 'push');
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => go(stateFromPage(), 'replace'), 350);
  });
  for (const box of checkboxes) box.addEventListener('change', () => go(stateFromPage(), 'push'));
  window.addEventListener('popstate', () => void show(readState()));
  await show(readState());
}

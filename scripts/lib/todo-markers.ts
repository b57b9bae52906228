import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import { formatPath, type MetadataProblem } from '../../src/shared/friendly-errors.ts';
import type { DatasetStatus } from '../../src/schemas/dataset.ts';

/**
 * The marker catalog:add writes on every plain-language text (or choice) still to write, as a
 * value (`summary: "TODO: …"`) or a comment (`theme: government # TODO: …`). Greppable on purpose:
 * `grep -rn "TODO:" src/content/datasets`.
 */
export const TODO_MARKER = 'TODO:';

const markerPattern = /\bTODO:/;

/**
 * Finds the markers left in a metadata file. They are warnings while the dataset is a draft and
 * errors from review on: a reviewer must never approve a page that says "TODO".
 */
export function findTodoMarkers(file: string, text: string, status: DatasetStatus | undefined): MetadataProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const keyLines: { line: number; path: (string | number)[] }[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const name = key && 'value' in key ? String(key.value) : '?';
        if (key?.range) keyLines.push({ line: lineCounter.linePos(key.range[0]).line, path: [...path, name] });
        walk(pair.value, [...path, name]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const range = (item as Node | null)?.range;
        if (range) keyLines.push({ line: lineCounter.linePos(range[0]).line, path: [...path, index] });
        walk(item, [...path, index]);
      });
    }
  };
  walk(doc.contents, []);
  keyLines.sort((a, b) => a.line - b.line);

  const blocking = status !== undefined && status !== 'draft';
  const problems: MetadataProblem[] = [];
  text.split('\n').forEach((content, index) => {
    const at = content.search(markerPattern);
    if (at === -1) return;
    const line = index + 1;
    const owner = keyLines.filter((k) => k.line <= line).at(-1);
    const hint = content
      .slice(at)
      .replace(/["']\s*$/, '')
      .trim();
    const shortHint = hint.length > 90 ? `${hint.slice(0, 87)}…` : hint;
    problems.push({
      file,
      line,
      field: owner ? formatPath(owner.path) : '(comment)',
      severity: blocking ? 'error' : 'warning',
      message: blocking
        ? `text still to write ("${shortHint}"); write it and remove the TODO marker: a dataset with status ${status} cannot keep placeholders`
        : `text still to write ("${shortHint}"); write it and remove the TODO marker before setting status: review`,
    });
  });
  return problems;
}

import { formatPath, type MetadataProblem } from '../../src/shared/friendly-errors.ts';
import type { Dataset } from '../../src/schemas/dataset.ts';
import { piiDetectorLabels, type PiiDetectorId } from '../../src/schemas/pii.ts';
import { detectPii, maskExample } from '../build-data/lib/pii-detectors.ts';
import type { LineOf, MetadataFile } from '../../src/shared/metadata.ts';

/**
 * Metadata is published too (the dataset page, schema.org, DCAT, data.json, the data package), so
 * every text a maintainer writes goes through the same detectors as the data: titles, summaries,
 * descriptions, examples, allowed values, units, reasons, captions, uses, caveats, checklist
 * answers. Exceptions, where the format asks for them:
 * - `contactPoint` is the declared contact: it may hold a name, an e-mail address and a phone number;
 * - sign-off names (`approvals.<role>.name`) are people's names by design (other detectors still run);
 * - identifiers and code are not prose: the id, the source relation, column names, types, licence,
 *   vocabulary values, dates, URLs, the row filter's SQL and a redact transform's pattern.
 * `catalog:check` and `build:data` run it on every file they read (`metadataFilesPiiProblems`).
 */

// Keys whose values are identifiers, vocabulary, dates, URLs or code, not maintainer-written prose.
const NOT_PROSE = new Set([
  'id',
  'source',
  'license',
  'theme',
  'frequency',
  'status',
  'related',
  'primaryKey',
  'quasiIdentifiers',
  'where',
  'pattern',
  'url',
  'type',
  'method',
  'action',
  'temporal',
  'issued',
  'plannedPublication',
  'date',
  'sensitivity',
  'privacyImpactAssessment',
  'detectors',
  'contactPoint',
]);

type Path = (string | number)[];

/** Every prose text of the metadata with its path, e.g. [['fields', 2, 'example'], '(312) 555-0187']. */
function proseTexts(value: unknown, path: Path = [], out: [Path, string][] = []): [Path, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (typeof value === 'number' && path.at(-2) !== 'range') out.push([path, String(value)]);
  else if (Array.isArray(value)) value.forEach((item, index) => proseTexts(item, [...path, index], out));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (NOT_PROSE.has(key)) continue;
      // A field's column name is an identifier; the rest of the field is prose.
      if (key === 'name' && path.length === 2 && path[0] === 'fields') continue;
      if (key === 'range' || key === 'k') continue;
      proseTexts(item, [...path, key], out);
    }
  }
  return out;
}

/** Detectors not run on a path: a sign-off's name is a person's name by design. */
function allowedAt(path: Path): ReadonlySet<PiiDetectorId> | undefined {
  return path[0] === 'approvals' && path.at(-1) === 'name' ? new Set<PiiDetectorId>(['person-name']) : undefined;
}

const article = (label: string): string => (/^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`);

/** One located problem per text and detector that hits, never with the value itself (masked only). */
export function metadataPiiProblems(file: string, dataset: Dataset, lineOf?: LineOf): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  for (const [path, text] of proseTexts(dataset)) {
    for (const hit of detectPii(text, allowedAt(path))) {
      const contact = hit.detector === 'email' || hit.detector === 'phone';
      problems.push({
        file,
        line: lineOf?.(path) ?? null,
        field: formatPath(path),
        message:
          `${article(piiDetectorLabels[hit.detector])} in text that is published on the page and in every metadata export (detector ${hit.detector}; masked "${maskExample(hit.match)}"). ` +
          (contact
            ? "Remove it: contactPoint is the only place for an e-mail address or phone number, and it should be a role's, not a person's"
            : hit.detector === 'person-name'
              ? 'Remove the name or write a role instead ("the data steward"); sign-off names belong in approvals'
              : 'Remove it, or write an example that is not real (e.g. a made-up value in the same format that no detector takes for personal data)'),
      });
    }
  }
  return problems;
}

/** The problems of every metadata file read, for catalog:check (reported) and build:data (refused, exit 2). */
export function metadataFilesPiiProblems(files: readonly Pick<MetadataFile, 'file' | 'dataset' | 'lineOf'>[]): MetadataProblem[] {
  return files.flatMap(({ file, dataset, lineOf }) => metadataPiiProblems(file, dataset, lineOf));
}

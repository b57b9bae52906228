import { parse, stringify } from 'yaml';
import { signedOff } from './test-datasets.ts';

/**
 * Does what a maintainer does to a draft from catalog:add: writes every text marked TODO, confirms
 * every choice marked TODO, and sets the status; an approved draft also gets the three sign-offs and
 * the data-submission checklist the approval gate requires.
 */
export function fillDraft(text: string, options: { status?: 'review' | 'approved' } = {}): string {
  // Trailing `# TODO: …` comments confirm a value that is already written (theme, frequency…).
  const data = parse(text.replace(/\s*# TODO:.*$/gm, '')) as Record<string, unknown>;
  const write = (value: unknown, path: string): unknown => {
    if (typeof value === 'string' && value.includes('TODO:')) return `Written by the data steward for ${path}: a plain-language text that a reader can understand.`;
    if (Array.isArray(value)) return value.map((item, index) => write(item, `${path}[${index}]`));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, write(item, `${path}.${key}`)]));
    return value;
  };
  const filled = write(data, 'dataset') as Record<string, unknown>;
  filled.keywords = ['trees', 'parks'];
  filled.theme = 'environment';
  filled.frequency = 'monthly';
  filled.temporal = { start: '2020-01-01' };
  filled.status = options.status ?? 'approved';
  if (filled.status === 'approved') {
    // A draft from catalog:add transforms nothing, so no privacy impact assessment is required.
    Object.assign(filled, structuredClone(signedOff), { checklist: { ...signedOff.checklist, privacyImpactAssessment: 'not-required' } });
  }
  return stringify(filled, { lineWidth: 0 });
}

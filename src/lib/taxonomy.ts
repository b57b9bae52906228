import { frequencies, themes, type FrequencyId, type ThemeId } from '../schemas/vocabularies.ts';

/**
 * Browse pages by theme and by publisher. Their paths live here, next to the one slug rule, because
 * `src/lib/urls.ts` (the stable scheme harvesters rely on) does not cover them yet.
 */

/** "Parks & Recreation Department" → "parks-recreation-department". Diacritics are dropped, not lost: "Café" → "cafe". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function themeLabel(theme: ThemeId): string {
  return themes[theme].label;
}

export function frequencyLabel(frequency: FrequencyId): string {
  return frequencies[frequency].label;
}

export const browseUrls = {
  theme: (theme: ThemeId) => `/themes/${theme}/`,
  publisher: (publisher: string) => `/publishers/${slugify(publisher)}/`,
  /** Download format, by its label in the manifests ("CSV" → `/formats/csv/`). */
  format: (format: string) => `/formats/${slugify(format)}/`,
  frequency: (frequency: FrequencyId) => `/frequencies/${frequency}/`,
  /** Every dataset, most recently updated first: the JS-free "sort by last update" of the dataset list. */
  recentlyUpdated: () => '/recently-updated/',
} as const;

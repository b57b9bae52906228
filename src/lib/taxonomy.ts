import { themes, type ThemeId } from '../schemas/vocabularies.ts';

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

export const browseUrls = {
  theme: (theme: ThemeId) => `/themes/${theme}/`,
  publisher: (publisher: string) => `/publishers/${slugify(publisher)}/`,
} as const;

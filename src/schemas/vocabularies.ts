/**
 * Controlled vocabularies the metadata draws from. Each entry carries what the exporters need
 * (EU authority IRIs for DCAT-AP, ISO 8601 periods for data.json), so no exporter keeps its own list.
 */

/** Themes: the EU data-theme vocabulary (https://op.europa.eu/en/web/eu-vocabularies/dataset/-/resource?uri=http://publications.europa.eu/resource/dataset/data-theme). */
export const themes = {
  agriculture: { label: 'Agriculture, fisheries, forestry and food', euCode: 'AGRI' },
  economy: { label: 'Economy and finance', euCode: 'ECON' },
  education: { label: 'Education, culture and sport', euCode: 'EDUC' },
  energy: { label: 'Energy', euCode: 'ENER' },
  environment: { label: 'Environment', euCode: 'ENVI' },
  government: { label: 'Government and public sector', euCode: 'GOVE' },
  health: { label: 'Health', euCode: 'HEAL' },
  international: { label: 'International issues', euCode: 'INTR' },
  justice: { label: 'Justice, legal system and public safety', euCode: 'JUST' },
  regions: { label: 'Regions and cities', euCode: 'REGI' },
  society: { label: 'Population and society', euCode: 'SOCI' },
  technology: { label: 'Science and technology', euCode: 'TECH' },
  transport: { label: 'Transport', euCode: 'TRAN' },
} as const;
export type ThemeId = keyof typeof themes;
export const themeIds = Object.keys(themes) as [ThemeId, ...ThemeId[]];

/**
 * Update frequencies: the EU frequency vocabulary codes, with the ISO 8601 repeating duration
 * data.json expects and the number of days after which a refresh is overdue (null: never due).
 */
export const frequencies = {
  continuous: { label: 'Continuously updated', euCode: 'UPDATE_CONT', iso: 'R/PT1S', days: 1 },
  daily: { label: 'Daily', euCode: 'DAILY', iso: 'R/P1D', days: 1 },
  weekly: { label: 'Weekly', euCode: 'WEEKLY', iso: 'R/P1W', days: 7 },
  monthly: { label: 'Monthly', euCode: 'MONTHLY', iso: 'R/P1M', days: 31 },
  quarterly: { label: 'Quarterly', euCode: 'QUARTERLY', iso: 'R/P3M', days: 92 },
  annual: { label: 'Once a year', euCode: 'ANNUAL', iso: 'R/P1Y', days: 366 },
  irregular: { label: 'Irregularly', euCode: 'IRREG', iso: 'irregular', days: null },
  never: { label: 'Not updated (historical data)', euCode: 'NEVER', iso: 'irregular', days: null },
} as const;
export type FrequencyId = keyof typeof frequencies;
export const frequencyIds = Object.keys(frequencies) as [FrequencyId, ...FrequencyId[]];

/**
 * Licences known by SPDX id, with their canonical URL and, where the EU licence authority list has
 * one, its code (DCAT-AP links `http://publications.europa.eu/resource/authority/licence/<euCode>`;
 * without a code it links the canonical URL). `types` are the ADMS licence-type concepts
 * (`http://purl.org/adms/licencetype/<type>`) DCAT-AP recommends on a licence. Any other licence is
 * given as a URL, and has no type.
 */
export const licenses = {
  'CC0-1.0': { name: 'Creative Commons Zero 1.0 (public domain)', url: 'https://creativecommons.org/publicdomain/zero/1.0/', euCode: 'CC0', types: ['PublicDomain'] },
  'CC-BY-4.0': { name: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', euCode: 'CC_BY_4_0', types: ['Attribution'] },
  'CC-BY-SA-4.0': { name: 'Creative Commons Attribution-ShareAlike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', euCode: 'CC_BYSA_4_0', types: ['Attribution', 'ShareAlike'] },
  'ODbL-1.0': { name: 'Open Data Commons Open Database License 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/', euCode: 'ODC_BL', types: ['Attribution', 'ShareAlike'] },
  'PDDL-1.0': { name: 'Open Data Commons Public Domain Dedication and License 1.0', url: 'https://opendatacommons.org/licenses/pddl/1-0/', euCode: 'ODC_PDDL', types: ['PublicDomain'] },
  'ODC-By-1.0': { name: 'Open Data Commons Attribution License 1.0', url: 'https://opendatacommons.org/licenses/by/1-0/', euCode: 'ODC_BY', types: ['Attribution'] },
  'OGL-UK-3.0': { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', euCode: 'OGL_3_0', types: ['Attribution'] },
  'etalab-2.0': { name: 'Licence Ouverte / Open Licence 2.0', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/', types: ['Attribution'] },
} as const;
export type LicenseId = keyof typeof licenses;

/** Resolves a licence as written in metadata (an SPDX id above, or a URL) to a name and a URL. */
export function describeLicense(license: string): { id: string; name: string; url: string; euCode?: string; types: readonly LicenceType[]; spdx: boolean } {
  const known = licenses[license as LicenseId] as { name: string; url: string; euCode?: string; types: readonly LicenceType[] } | undefined;
  return known ? { id: license, ...known, spdx: true } : { id: license, name: license, url: license, types: [], spdx: false };
}

/** ADMS licence types (http://purl.org/adms/licencetype/), the ones our licences use. */
export type LicenceType = 'Attribution' | 'ShareAlike' | 'PublicDomain';

/**
 * High-value dataset categories of the EU implementing regulation 2023/138 (the HVD vocabulary,
 * `http://data.europa.eu/bna/<code>`). A dataset's metadata declares one with `highValue`; DCAT-AP
 * then states `dcatap:hvdCategory` and `dcatap:applicableLegislation`.
 */
export const hvdCategories = {
  geospatial: { label: 'Geospatial', code: 'c_ac64a52d' },
  'earth-observation': { label: 'Earth observation and environment', code: 'c_dd313021' },
  meteorological: { label: 'Meteorological', code: 'c_164e0bf5' },
  statistics: { label: 'Statistics', code: 'c_e1da4e07' },
  companies: { label: 'Companies and company ownership', code: 'c_a9135398' },
  mobility: { label: 'Mobility', code: 'c_b79e35eb' },
} as const;
export type HvdCategoryId = keyof typeof hvdCategories;
export const hvdCategoryIds = Object.keys(hvdCategories) as [HvdCategoryId, ...HvdCategoryId[]];
/** The regulation that makes a dataset high-value (European Legislation Identifier). */
export const HVD_LEGISLATION = 'http://data.europa.eu/eli/reg_impl/2023/138/oj';

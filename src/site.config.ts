/**
 * Everything a municipality changes to adopt the catalog, in one place. The site URL can also come
 * from the SITE_URL environment variable (the deploy workflow sets it from GitHub Pages).
 */
export const siteConfig = {
  /** Name shown in the header, titles and metadata. */
  name: 'Riverton Open Data',
  /** The organisation that runs the catalog. */
  organisation: 'City of Riverton',
  /** One sentence on what the catalog is, used on the home page and in metadata. */
  tagline: 'Public data from the City of Riverton, free to use, explained in plain language.',
  /**
   * Canonical base URL of the published site (no trailing slash). The site is served from the root
   * of this host: on GitHub Pages use a custom domain or the `<owner>.github.io` repository.
   */
  url: process.env.SITE_URL ?? 'https://data.riverton.example',
  /** Language of the site and the metadata (BCP 47). */
  language: 'en',
  /**
   * Countries whose people the data may be about (ISO 3166-1 alpha-2). The personal-data scan
   * recognises phone numbers written in these countries' national formats ("030 1234567",
   * "06 12 34 56 78"); numbers in international form ("+49 30 …") are recognised for every country.
   */
  countries: ['US', 'CA', 'GB', 'IE', 'FR', 'DE', 'AT', 'CH', 'NL', 'BE', 'ES', 'PT', 'IT', 'DK', 'SE', 'NO', 'FI', 'PL', 'CZ', 'HU', 'AU', 'NZ'] as readonly string[],
  /** Contact for the catalog as a whole. */
  contact: { name: 'Open Data Team', email: 'opendata@riverton.example' },
  /** Repository that holds the metadata, for "edit this page" and "report a problem" links. */
  repository: 'https://github.com/riverton/civic-data-catalog',
  /** Branch the metadata is edited on. */
  branch: 'main',
  /**
   * File names of the issue forms in `.github/ISSUE_TEMPLATE/`, used to build pre-filled links
   * (`<repository>/issues/new?template=<file>&…`). Rename here if you rename the files.
   */
  issueTemplates: {
    requestDataset: 'request-dataset.yml',
    reportProblem: 'report-problem.yml',
    submitDataset: 'submit-dataset.yml',
  },
  /** Licence of the catalog's own metadata. */
  metadataLicense: 'CC0-1.0',
  /**
   * Brand colours, applied as CSS custom properties on every page. Keep text on `headerBackground`
   * readable: white header text needs a contrast of at least 4.5:1 (7:1 is better).
   */
  theme: {
    headerBackground: '#0a3d5c',
    headerText: '#ffffff',
    /** Link colour in the light scheme (≥ 4.5:1 on white). The dark scheme keeps its own. */
    link: '#0a5c8a',
  },
  /** Logo shown before the site name: a file in `public/` (SVG preferred), or null for none. */
  logo: { src: '/favicon.svg', alt: '' } as { src: string; alt: string } | null,
  /** Download formats. */
  downloads: {
    /**
     * XLSX and XML are written only for versions with at most this many rows (CSV and JSON always
     * are): large spreadsheets open slowly or not at all. XLSX itself stops at 1,048,575 data rows.
     * `CATALOG_SPREADSHEET_ROW_LIMIT` overrides it for one run.
     */
    spreadsheetRowLimit: Number(process.env.CATALOG_SPREADSHEET_ROW_LIMIT || 100_000),
    /**
     * Where large files are served from: the public base URL of an S3-compatible bucket (and prefix),
     * e.g. `https://files.riverton.example/catalog`, or null to serve every file from the site.
     * `npm run downloads:upload` puts the files larger than `largeFileBytes` there before the deploy,
     * and every link, export and the table explorer point there. The bucket must allow this site to
     * read with HTTP Range requests (CORS): see docs/maintainers.md, "Large files on object storage".
     * `DOWNLOADS_BASE_URL` sets it for one run.
     */
    baseUrl: process.env.DOWNLOADS_BASE_URL || null,
    /** Files of more than this many bytes go to `baseUrl` when it is set. `DOWNLOADS_LARGE_FILE_MB` overrides it. */
    largeFileBytes: Number(process.env.DOWNLOADS_LARGE_FILE_MB || 25) * 1_000_000,
  },
  /**
   * The static host's documented limits: the build refuses a dist/ that passes them, naming the
   * file and the fix. GitHub Pages refuses files over 100 MB and sites over 1 GB
   * (https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits).
   */
  host: {
    name: 'GitHub Pages',
    maxFileBytes: Number(process.env.HOST_MAX_FILE_MB || 100) * 1_000_000,
    maxSiteBytes: Number(process.env.HOST_MAX_SITE_MB || 1_000) * 1_000_000,
    limitsUrl: 'https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits',
  },
  /** Rules that hold for every dataset, whatever its metadata says. */
  privacy: {
    /**
     * Schemas, tables, views and functions no dataset may ever read, directly or through a view or
     * a function: `schema.name`, where `*` stands for any characters (`hr.*` is the whole schema,
     * `hr.payroll*` every name that starts so). Names are case-sensitive, as in the database; quote a
     * part that holds a dot (`"Parks.Dept".*`). System catalogs (pg_catalog, information_schema,
     * pg_toast) are always refused. build:data and catalog:check -- --database refuse a dataset
     * whose source or anything it reads matches one of these.
     */
    neverRead: ['auth.*', 'hr.payroll*'] as readonly string[],
  },
  /** What `npm run catalog:add` writes into a new draft where the database cannot know. */
  newDatasetDefaults: {
    license: 'CC-BY-4.0',
    spatial: 'City of Riverton',
  },
  /**
   * US federal publishers only: the OMB bureau and Federal Program Inventory codes DCAT-US 1.1
   * requires of federal agencies (e.g. `{ bureauCode: ['015:11'], programCode: ['015:001'] }`).
   * When set, `/data.json` carries them on every dataset and must validate against the official
   * federal schema; when not, it targets data.gov's non-federal schema.
   */
  usFederal: undefined as { bureauCode: readonly string[]; programCode: readonly string[] } | undefined,
  /**
   * Which DCAT-US version `/data.json` serves: `'3.0'` (what data.gov's harvester validates now) or
   * `'1.1'` for a harvester not yet on 3.0. Both are always published at their own addresses too:
   * `/dcat-us-3.0/data.json` and `/dcat-us-1.1/data.json`.
   */
  dataJson: '3.0' as '3.0' | '1.1',
  /**
   * The area the catalog covers, with its bounding box in WGS 84 degrees (west, south, east, north).
   * A dataset whose `spatial` names this area and whose data has no latitude and longitude columns
   * is given this box in DCAT (`dcat:bbox`), DCAT-US 3.0 and schema.org; a dataset with coordinates
   * gets the box of its own data. Leave it out (`undefined`) and such datasets have a place name only.
   */
  area: { name: 'City of Riverton', bbox: [-89.0, 43.0, -88.9, 43.1] } as { name: string; bbox: readonly [number, number, number, number] } | undefined,
} as const;

export type SiteConfig = typeof siteConfig;

import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { manifestSchema, type Manifest } from '../../src/schemas/manifest.ts';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { DEMO_FORMULA_PAYLOAD, DEMO_HTML_PAYLOAD, UNAPPROVED_TABLES } from '../../scripts/demo-db/markers.ts';
import { useBrowser } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/** The privacy rules as readers meet them: on the dataset page, in the files, in the inventory. */

const siteUrl = inject('siteUrl');
let page: Page;
useBrowser((_browser, p) => {
  page = p;
});

async function latest(id: string): Promise<Manifest> {
  return manifestSchema.parse(await (await page.request.get(`${siteUrl}/datasets/${id}/latest/manifest.json`)).json());
}

async function csvRecords(id: string): Promise<Record<string, string>[]> {
  const text = await (await page.request.get(`${siteUrl}/datasets/${id}/latest/data.csv`)).text();
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

describe('privacy on the published site', () => {
  it('shows on the dataset page what was withheld, changed and suppressed, with the counts of the version', async () => {
    const manifest = await latest('emergency-medical-calls');
    const privacy = manifest.privacy!;
    expect(privacy.smallCells!.suppressedRows).toBeGreaterThan(0);
    await page.goto(`${siteUrl}/datasets/emergency-medical-calls/`);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Privacy: what you are not seeing' }) });
    const text = (await section.textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain(`${privacy.smallCells!.suppressedRows} rows were left out because fewer than 5 rows shared their combination of Patient age group, Patient sex, ZIP code area`);
    expect(text).toContain('2 columns of the source table are not published');
    expect(text).toContain('Some rows are left out: Records sealed to protect a person');
    const table = section.getByRole('table', { name: 'Columns changed before publication' });
    await expect(table.getByRole('row').count()).resolves.toBe(1 + privacy.transforms.length);
    await expect(table.getByRole('rowheader', { name: 'Patient age group' }).count()).resolves.toBe(1);
    expect(text).toContain('Privacy review: Jordan Blake, Privacy Officer');
  });

  it('publishes no combination of quasi-identifiers shared by fewer than k rows, and only transformed values', async () => {
    const rows = await csvRecords('emergency-medical-calls');
    const groups = Map.groupBy(rows, (r) => `${r.patient_age}|${r.patient_sex}|${r.postal_code}`);
    for (const [group, members] of groups) expect(members.length, group).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row.postal_code).toMatch(/^\d{3}$/);
      expect(row.patient_age).toMatch(/^(|\d+–\d+|\d+ and over)$/);
      expect(row.received_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.latitude).toMatch(/^-?\d+\.\d{1,2}$/);
      expect(row.dispatch_note).not.toMatch(/\d{3}-\d{4}/);
    }
  });

  it('replaces the hashed column by stable 20-digit pseudonyms and profiles no original value', async () => {
    const rows = await csvRecords('restaurant-inspections');
    for (const row of rows) expect(row.inspector_badge).toMatch(/^[0-9a-f]{20}$/);
    expect(new Set(rows.map((r) => r.inspector_badge)).size).toBeLessThanOrEqual(14);
    const profile = (await latest('restaurant-inspections')).profile.find((p) => p.name === 'inspector_badge')!;
    expect(profile).toMatchObject({ min: null, max: null, top: [], histogram: [] });
  });

  it('shows markup typed into the source as text, and neutralises formulas in the CSV only', async () => {
    await page.goto(`${siteUrl}/datasets/311-service-requests/`);
    const preview = page.locator('section', { has: page.getByRole('heading', { name: 'Preview', exact: true }) });
    await expect(preview.getByRole('cell', { name: DEMO_HTML_PAYLOAD, exact: true }).count()).resolves.toBe(1);
    await expect(preview.locator('b, script').count()).resolves.toBe(0);
    const rows = await csvRecords('311-service-requests');
    expect(rows[0]!.description).toBe(DEMO_HTML_PAYLOAD);
    expect(rows[1]!.description).toBe(`'${DEMO_FORMULA_PAYLOAD}`);
    const json = (await (await page.request.get(`${siteUrl}/datasets/311-service-requests/latest/data.json`)).json()) as { description: string }[];
    expect(json[1]!.description).toBe(DEMO_FORMULA_PAYLOAD);
  });

  it('lists every known dataset in the inventory, with planned dates and no source of unpublished ones', async () => {
    const metadata = await readAllMetadata(PROJECT_ROOT);
    await page.goto(`${siteUrl}/inventory/`);
    const body = (await page.locator('main').textContent())!;
    for (const { dataset } of metadata) expect(body, dataset.id).toContain(dataset.title);
    const workforce = page.getByRole('row', { name: /City workforce/ });
    await expect(workforce.textContent()).resolves.toMatch(/In review.*March 1, 2027/s);
    await expect(workforce.getByRole('link').count()).resolves.toBe(0);
    const inventory = (await (await page.request.get(`${siteUrl}/inventory.json`)).json()) as { datasets: Record<string, unknown>[] };
    expect(inventory.datasets).toHaveLength(metadata.length);
    expect(inventory.datasets.find((d) => d.id === 'city-workforce')).toMatchObject({ stage: 'planned', plannedPublication: '2027-03-01', url: null });
    const raw = JSON.stringify(inventory) + (await page.content());
    for (const table of UNAPPROVED_TABLES) expect(raw).not.toContain(table.split('.').pop()!);
    expect(raw).not.toMatch(/"source"/);
  });

  it("keeps a retired dataset's page, with a notice and its reason, and every archived version", async () => {
    await page.goto(`${siteUrl}/datasets/parking-meters/`);
    const notice = page.getByRole('note');
    await expect(notice.getByRole('heading', { name: 'This dataset is retired' }).count()).resolves.toBe(1);
    await expect(notice.textContent()).resolves.toContain('replaced its parking meters with pay-by-phone parking zones');
    for (const version of ['2024-12-31', '2025-06-30']) {
      const manifest = manifestSchema.parse(await (await page.request.get(`${siteUrl}/datasets/parking-meters/versions/${version}/manifest.json`)).json());
      const csv = await page.request.get(`${siteUrl}/datasets/parking-meters/versions/${version}/data.csv`);
      expect(csv.status(), version).toBe(200);
      expect((await csv.body()).length, version).toBe(manifest.files.find((f) => f.name === 'data.csv')!.bytes);
      await expect(page.getByRole('link', { name: new RegExp(version.replace(/-/g, '.')) }).count(), version).resolves.toBeGreaterThan(0);
    }
    await page.goto(`${siteUrl}/inventory/`);
    await expect(page.getByRole('row', { name: /Parking meters/ }).textContent()).resolves.toMatch(/Retired.*July 1, 2025/s);
  });

  it("offers the steward's contact and pre-filled feedback links on every dataset page", async () => {
    await page.goto(`${siteUrl}/datasets/emergency-medical-calls/`);
    const href = async (name: RegExp) => new URL((await page.getByRole('link', { name }).first().getAttribute('href'))!);
    const report = await href(/^Report a problem with this dataset$/);
    expect(report.pathname).toMatch(/\/issues\/new$/);
    expect(report.searchParams.get('template')).toBe('report-problem.yml');
    expect(report.searchParams.get('dataset')).toBe('emergency-medical-calls');
    expect((await href(/^Suggest a change to this description$/)).pathname).toMatch(/\/edit\/[^/]+\/src\/content\/datasets\/emergency-medical-calls\.yaml$/);
    expect((await href(/^Suggest a dataset the city should publish$/)).searchParams.get('template')).toBe('request-dataset.yml');
    await expect(page.getByRole('link', { name: 'ems-data@riverton.example' }).count()).resolves.toBe(1);
  });

  it('publishes a privacy report of the build with every published dataset', async () => {
    const report = (await (await page.request.get(`${siteUrl}/privacy-report.json`)).json()) as { datasets: { id: string; privacy: Manifest['privacy'] }[] };
    const published = (await readAllMetadata(PROJECT_ROOT)).filter((m) => ['approved', 'retired'].includes(m.dataset.status)).map((m) => m.dataset.id);
    expect(report.datasets.map((d) => d.id).sort()).toEqual(published.sort());
    for (const entry of report.datasets) expect(entry.privacy?.scan.detectors, entry.id).toContain('payment-card');
    expect(
      report.datasets
        .find((d) => d.id === 'emergency-medical-calls')!
        .privacy!.transforms.map((t) => t.method)
        .sort(),
    ).toEqual(['generalize', 'generalize', 'generalize', 'generalize', 'redact', 'truncate']);
  });
});

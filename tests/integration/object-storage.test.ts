import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/build-data/build.ts';
import { demoDatabaseSql } from '../../scripts/demo-db/demo-sql.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import type { Manifest } from '../../src/schemas/manifest.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { startS3, type TestS3 } from '../helpers/s3-server.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { PROJECT_ROOT, recordingLogger, TEST_PSEUDONYM_KEY, testEffects } from '../helpers/workspace.ts';

/**
 * Large files on object storage, end to end against a local S3-compatible server (s3rver) started
 * here: the 311 dataset snapshotted from a real PostgreSQL server, its files over 1 MB uploaded by
 * `npm run downloads:upload` (and checked, not replaced, on the next run; an object with other
 * content refused), the site built with downloads.baseUrl pointing at the bucket, every download
 * link and the table explorer working from it, and a dist/ over the host's limit refused.
 */

const ID = '311-service-requests';
const PREFIX = 'catalog';

let db: TestDatabase;
let s3: TestS3;
let root: string;
let baseUrl: string;
let manifest: Manifest;

/** Runs a project command in the copy, returning its exit code and output. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const upload = (env: Record<string, string> = {}) =>
  run(['scripts/downloads/upload.ts'], { ...s3.env, DOWNLOADS_S3_PREFIX: PREFIX, DOWNLOADS_BASE_URL: baseUrl, DOWNLOADS_LARGE_FILE_MB: '1', ...env });
const buildSite = (env: Record<string, string>) => run([path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], env);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  [db, s3] = await Promise.all([createTestDatabase(), startS3()]);
  baseUrl = `${s3.endpoint}/${s3.bucket}/${PREFIX}`;
  await runStatements(db.client, demoDatabaseSql());
  // A copy of the project, so the build's dist/ and data-snapshots/ are its own.
  root = await mkdtemp(path.join(tmpdir(), 'catalog-s3-'));
  for (const entry of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) await cp(path.join(PROJECT_ROOT, entry), path.join(root, entry), { recursive: true });
  await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  const outcomes = await buildData(['--only', ID], testEffects(root, recordingLogger()), { DATABASE_URL: db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
  expect(outcomes.map((o) => o.status)).toEqual(['new-version']);
  manifest = (await listVersions(root, ID)).at(-1)!;
}, 600_000);

afterAll(async () => {
  await s3?.close();
  await db?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('large files on S3-compatible object storage', () => {
  it('uploads every published file over the threshold, with its media type, and checks it after upload', async () => {
    const large = manifest.files.filter((f) => f.bytes > 1_000_000);
    expect(large.map((f) => f.name).sort()).toEqual(['data-excel.csv', 'data.csv', 'data.json', 'data.parquet']);
    const first = await upload();
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(`4 published file(s) over 1 MB are served from ${baseUrl}.`);
    expect(first.output).toMatch(/Uploaded 4 file\(s\) \([\d.]+ MB\); 0 already there/);
    for (const file of large) {
      const response = await fetch(`${baseUrl}/datasets/${ID}/versions/${manifest.version}/${file.name}`);
      expect(response.status, file.name).toBe(200);
      expect(response.headers.get('content-type'), file.name).toBe(file.mediaType);
      expect(sha256(new Uint8Array(await response.arrayBuffer())), file.name).toBe(file.sha256);
    }
    // The next refresh finds them in place and uploads nothing.
    const again = await upload();
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('Uploaded 0 file(s) (0 bytes); 4 already there, checked by size and SHA-256.');
  }, 300_000);

  it('never replaces an object that holds something else, and says where', async () => {
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const key = `other/datasets/${ID}/versions/${manifest.version}/data.parquet`;
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: 'not the parquet file', Metadata: { sha256: '0'.repeat(64) } }));
    client.destroy();
    const refused = await upload({ DOWNLOADS_S3_PREFIX: 'other', DOWNLOADS_LARGE_FILE_MB: '2' });
    expect(refused.code).toBe(5);
    expect(refused.output).toContain(`s3://${s3.bucket}/${key} at 127.0.0.1:`);
    expect(refused.output).toContain('Published files are never replaced');
    const unset = await upload({ DOWNLOADS_S3_BUCKET: '' });
    expect(unset.code).toBe(2);
    expect(unset.output).toContain('DOWNLOADS_S3_BUCKET is not set');
  }, 120_000);

  it('builds a site whose downloads, exports and explorer read the large files from the bucket', async () => {
    const built = await buildSite({ DOWNLOADS_BASE_URL: baseUrl, DOWNLOADS_LARGE_FILE_MB: '1' });
    expect(built.code, built.output.slice(-3000)).toBe(0);
    expect(built.output).toContain(`file(s) over 1 MB are served from ${baseUrl}`);
    const dist = path.join(root, 'dist');
    // The large files are not in the site; the small ones are.
    for (const file of manifest.files) {
      const onSite = existsSync(path.join(dist, 'datasets', ID, 'versions', manifest.version, file.name));
      expect(onSite, file.name).toBe(file.bytes <= 1_000_000);
    }
    const server = await serveStatic(dist);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/datasets/${ID}/`);
      const links = await page.locator('a.download-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links).toHaveLength(manifest.files.length);
      for (const file of manifest.files) {
        const link = links.find((href) => href.endsWith(`/${file.name}`))!;
        expect(link.startsWith(file.bytes > 1_000_000 ? `${baseUrl}/` : `${server.url}/`), `${file.name}: ${link}`).toBe(true);
        const body = new Uint8Array(await (await fetch(link)).arrayBuffer());
        expect(sha256(body), file.name).toBe(file.sha256);
      }
      // The exports name the same objects.
      const dataJson = JSON.parse(await readFile(path.join(dist, 'data.json'), 'utf8')) as { dataset: { identifier: string; distribution: { downloadURL: string }[] }[] };
      const urls = dataJson.dataset.flatMap((d) => d.distribution.map((x) => x.downloadURL));
      expect(urls).toContain(`${baseUrl}/datasets/${ID}/versions/${manifest.version}/data.parquet`);
      const dataPackage = JSON.parse(await readFile(path.join(dist, 'datasets', ID, 'datapackage.json'), 'utf8')) as { resources: { path: string; format: string }[] };
      expect(dataPackage.resources.map((r) => r.path)).toEqual([
        `${baseUrl}/datasets/${ID}/versions/${manifest.version}/data.csv`,
        `${baseUrl}/datasets/${ID}/versions/${manifest.version}/data.parquet`,
      ]);
      expect(await readFile(path.join(dist, 'catalog.ttl'), 'utf8')).toContain(`<${baseUrl}/datasets/${ID}/versions/${manifest.version}/data.parquet>`);

      // The explorer reads the Parquet file from the bucket with Range requests (CORS allows it).
      const ranges: string[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(baseUrl) && request.headers().range) ranges.push(request.headers().range!);
      });
      await page.getByRole('button', { name: 'Open the explorer' }).click();
      await expect.poll(() => page.locator('.explorer-app').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
      expect(await page.locator('.explorer-app [role="status"]').textContent()).toBe(`All ${manifest.rowCount.toLocaleString('en')} rows; showing rows 1 to 50.`);
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges.every((r) => /^bytes=\d+-\d+$/.test(r))).toBe(true);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 300_000);

  it('refuses a dist/ over the host’s file limit, naming the file and the fix', async () => {
    const refused = await buildSite({ DOWNLOADS_BASE_URL: '', HOST_MAX_FILE_MB: '20' });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('The built site does not fit GitHub Pages:');
    expect(refused.output).toMatch(new RegExp(`dist/datasets/${ID}/(latest|versions/${manifest.version})/data\\.json is 35\\.\\d MB; GitHub Pages refuses files over 20 MB`));
    expect(refused.output).toContain('Set downloads.baseUrl in src/site.config.ts (or DOWNLOADS_BASE_URL) to an S3-compatible bucket');
  }, 300_000);
});

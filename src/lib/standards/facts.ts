import type { SiteConfig } from '../../site.config.ts';
import type { Manifest } from '../../schemas/manifest.ts';
import { describeLicense } from '../../schemas/vocabularies.ts';
import { fieldRole } from '../../shared/field-role.ts';
import { temporalCoverage } from '../../shared/temporal-coverage.ts';
import type { StandardsEntry } from './entry.ts';

/**
 * One function per fact every machine-readable output states about a dataset: the period it
 * covers, whether it is still maintained, its licence, when its data last changed and the area it
 * covers. The page, schema.org, DCAT-AP (Turtle, JSON-LD, RDF/XML), DCAT-US 3.0 and 1.1, the data
 * package, CSVW and the feeds all read them from here, and `tests/e2e/one-truth.test.ts` reads every
 * output back from the built site and compares, so they cannot drift apart again.
 */

/** The period the data covers: `end` null while it is still growing (an open interval, `start/..`). */
export interface Coverage {
  start: string;
  end: string | null;
  /** `records`: the first and last value of the column that dates a record; `metadata`: as the publisher states it. */
  source: 'records' | 'metadata';
}

/**
 * The period covered, by the one rule of `src/shared/temporal-coverage.ts` (the page's "Records from
 * X to Y"): the data's own first and last date where a column dates the records, else the
 * publisher's `temporal`, whose end is left open while the data grows. A retired dataset without a
 * declared end ended when it was retired. Never the build date.
 */
export function coverage(entry: Pick<StandardsEntry, 'dataset'>, manifest: Pick<Manifest, 'profile'>): Coverage {
  const found = temporalCoverage(entry.dataset, manifest);
  const status = datasetStatus(entry);
  const end = found.end ?? (status.state === 'retired' && status.since >= found.start ? status.since : null);
  return { start: found.start, end, source: found.source };
}

/**
 * The period one version covers: as `coverage`, except that a version is finished data: when the
 * rule leaves the end open (an inventory still growing), the version's own snapshot day ends it.
 */
export function versionCoverage(entry: Pick<StandardsEntry, 'dataset'>, manifest: Pick<Manifest, 'profile' | 'snapshotAt'>): Coverage {
  const covered = coverage(entry, manifest);
  const day = manifest.snapshotAt.slice(0, 10);
  return covered.end || day < covered.start ? covered : { ...covered, end: day };
}

/** The same period as an ISO 8601 interval, `..` for an open end (schema.org, the consistency test). */
export function coverageInterval(period: Coverage): string {
  return `${period.start}/${period.end ?? '..'}`;
}

/** Still maintained, or retired (kept online, no longer updated) since a date. */
export type Status = { state: 'active' } | { state: 'retired'; since: string; reason: string };

export function datasetStatus(entry: Pick<StandardsEntry, 'dataset'>): Status {
  const { dataset } = entry;
  if (dataset.status === 'retired' && dataset.retired) return { state: 'retired', since: dataset.retired.date, reason: dataset.retired.reason };
  return { state: 'active' };
}

/** The licence of the data: name, canonical URL, SPDX id where it has one. */
export function licence(entry: Pick<StandardsEntry, 'dataset'>) {
  return describeLicense(entry.dataset.license);
}

/** When the data last changed: the latest version's snapshot instant. */
export function modified(entry: Pick<StandardsEntry, 'latest'>): string {
  return entry.latest.snapshotAt;
}

/** West, south, east, north in WGS 84 degrees. */
export type BoundingBox = readonly [west: number, south: number, east: number, north: number];

export interface SpatialCoverage {
  /** The place in words, as the metadata names it. */
  name: string;
  /** The box around the data, or around the configured area it names; null when neither is known. */
  bbox: BoundingBox | null;
  /** `data`: from the smallest and largest latitude and longitude in the version; `area`: the site's configured area. */
  bboxSource: 'data' | 'area' | null;
}

const LATITUDE = /^(lat|latitude)$|(^|_)lat(itude)?$/i;
const LONGITUDE = /^(lon|lng|long|longitude)$|(^|_)(lon|lng|long|longitude)$/i;

function profileRange(manifest: Pick<Manifest, 'profile'>, column: string): [number, number] | null {
  const profile = manifest.profile.find((p) => p.name === column);
  if (!profile || profile.min === null || profile.max === null) return null;
  const min = Number(profile.min);
  const max = Number(profile.max);
  return Number.isFinite(min) && Number.isFinite(max) && min <= max ? [min, max] : null;
}

/**
 * The area a version covers. Where the data has latitude and longitude columns (role `coordinate`,
 * named lat/latitude and lon/lng/longitude), the box is their smallest and largest values in the
 * version's profile: computed from the data, never typed in. Projected x/y columns are not degrees and
 * are not used. Without coordinates, a dataset whose `spatial` names the site's configured area
 * (`area` in src/site.config.ts) gets that area's box.
 */
export function spatialCoverage(entry: Pick<StandardsEntry, 'dataset'>, manifest: Pick<Manifest, 'profile'>, site: Pick<SiteConfig, 'area'>): SpatialCoverage {
  const { dataset } = entry;
  const coordinates = dataset.fields.filter((field) => fieldRole(field, dataset.primaryKey) === 'coordinate');
  const lat = coordinates.find((field) => LATITUDE.test(field.name));
  const lon = coordinates.find((field) => LONGITUDE.test(field.name));
  const latRange = lat ? profileRange(manifest, lat.name) : null;
  const lonRange = lon ? profileRange(manifest, lon.name) : null;
  if (latRange && lonRange && latRange[0] >= -90 && latRange[1] <= 90 && lonRange[0] >= -180 && lonRange[1] <= 180) {
    return { name: dataset.spatial, bbox: [lonRange[0], latRange[0], lonRange[1], latRange[1]], bboxSource: 'data' };
  }
  const area = site.area;
  if (area && area.name === dataset.spatial) return { name: dataset.spatial, bbox: area.bbox, bboxSource: 'area' };
  return { name: dataset.spatial, bbox: null, bboxSource: null };
}

/** A bounding box as a WKT polygon (DCAT's `dcat:bbox`, DCAT-US 3.0's `bbox`), corners anticlockwise. */
export function bboxWkt([west, south, east, north]: BoundingBox): string {
  return `POLYGON((${west} ${south}, ${east} ${south}, ${east} ${north}, ${west} ${north}, ${west} ${south}))`;
}

/** The centre of a box as a WKT point (longitude first, as WKT wants). */
export function centroidWkt([west, south, east, north]: BoundingBox): string {
  return `POINT(${round((west + east) / 2)} ${round((south + north) / 2)})`;
}

/** The box as schema.org's GeoShape `box`: "south west north east" (latitude first). */
export function bboxSchemaOrg([west, south, east, north]: BoundingBox): string {
  return `${south} ${west} ${north} ${east}`;
}

/** Six decimals (about 0.1 m): enough for a centre and free of floating-point noise. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

import { draw, intArray, textArray } from './sql-helpers.ts';

/**
 * The fictional City of Riverton: neighbourhoods with a centre point (micro-degrees, so the
 * arithmetic stays integer) and the street names shared by the tables that mention places.
 */
export const neighbourhoods = [
  { name: 'Old Town', lat: 43_051_200, lon: -88_951_400 },
  { name: 'Riverside', lat: 43_044_800, lon: -88_962_900 },
  { name: 'Millbrook', lat: 43_066_300, lon: -88_940_100 },
  { name: 'North Heights', lat: 43_079_500, lon: -88_955_600 },
  { name: 'Eastgate', lat: 43_053_900, lon: -88_921_700 },
  { name: 'Cedar Park', lat: 43_035_100, lon: -88_934_800 },
  { name: 'Harbor Point', lat: 43_028_600, lon: -88_968_200 },
  { name: 'West End', lat: 43_049_700, lon: -88_985_300 },
  { name: 'University District', lat: 43_061_000, lon: -88_972_500 },
  { name: 'Southfield', lat: 43_021_400, lon: -88_947_000 },
  { name: 'Lakeview', lat: 43_073_800, lon: -88_918_900 },
  { name: 'Foundry Row', lat: 43_040_300, lon: -88_947_700 },
] as const;

export const neighbourhoodNames = neighbourhoods.map((n) => n.name);

/** Street names without house numbers: published tables never locate a private home. */
export const streets = [
  'Main Street',
  'Elm Avenue',
  'River Road',
  'Mill Street',
  'Cedar Lane',
  'Harbor Drive',
  'University Avenue',
  'Foundry Street',
  'Lakeview Boulevard',
  'Oak Street',
  'Maple Avenue',
  'Station Road',
  'Church Street',
  'Prairie Avenue',
  'Canal Street',
  'Northgate Parkway',
  'Willow Court',
  'Union Street',
  'Bridge Street',
  'Orchard Way',
] as const;

/** 1-based neighbourhood index chosen by draw k. */
export function neighbourhoodIndex(k: number): string {
  return `(1 + ${draw(k)} % ${neighbourhoods.length})`;
}

/** The neighbourhood name for an index expression. */
export function neighbourhoodName(index: string): string {
  return `(${textArray(neighbourhoodNames)})[${index}]`;
}

/**
 * Latitude and longitude scattered up to ±0.012° (about a kilometre) around the neighbourhood's
 * centre, as numeric(9,6) values.
 */
export function coordinates(index: string, kLat: number, kLon: number): { latitude: string; longitude: string } {
  const lats = intArray(neighbourhoods.map((n) => n.lat));
  const lons = intArray(neighbourhoods.map((n) => n.lon));
  return {
    latitude: `((${lats})[${index}] + ${draw(kLat)} % 24001 - 12000) / 1000000.0`,
    longitude: `((${lons})[${index}] + ${draw(kLon)} % 24001 - 12000) / 1000000.0`,
  };
}

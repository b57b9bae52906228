import { coordinates, neighbourhoodIndex, neighbourhoodName } from '../places.ts';
import { chance, comments, draw, generatedRows, literal, pick, scaled, textArray, weightedIndex } from '../sql-helpers.ts';

/** Parks: the street-tree inventory. Its notes column is the demo's CSV torture test. */

const species = [
  { common: 'London plane', latin: 'Platanus × acerifolia', weight: 9 },
  { common: 'Red maple', latin: 'Acer rubrum', weight: 12 },
  { common: 'Sugar maple', latin: 'Acer saccharum', weight: 6 },
  { common: 'Norway maple', latin: 'Acer platanoides', weight: 8 },
  { common: 'Honeylocust', latin: 'Gleditsia triacanthos', weight: 11 },
  { common: 'Pin oak', latin: 'Quercus palustris', weight: 5 },
  { common: 'Northern red oak', latin: 'Quercus rubra', weight: 6 },
  { common: 'Little-leaf linden', latin: 'Tilia cordata', weight: 8 },
  { common: 'Ginkgo', latin: 'Ginkgo biloba', weight: 7 },
  { common: 'Callery pear', latin: 'Pyrus calleryana', weight: 6 },
  { common: 'American elm', latin: 'Ulmus americana', weight: 4 },
  { common: 'Eastern redbud', latin: 'Cercis canadensis', weight: 5 },
  { common: 'Japanese tree lilac', latin: 'Syringa reticulata', weight: 5 },
  { common: 'Kentucky coffeetree', latin: 'Gymnocladus dioicus', weight: 3 },
  { common: 'Swamp white oak', latin: 'Quercus bicolor', weight: 5 },
];

export const treeConditions = ['good', 'fair', 'poor', 'critical', 'dead'] as const;
const conditionWeights = [55, 27, 12, 4, 2];

/**
 * Field notes as crews type them. Commas, double quotes, LF and CRLF line breaks, a leading quote
 * and non-ASCII text are all here on purpose: CSV and JSON writers must round-trip every one.
 */
const notes = [
  'Pruned for sidewalk clearance',
  'Root heave lifting sidewalk, referred to Public Works',
  'Resident reports "sap dripping on parked cars"',
  'Cavity at base; recheck in spring',
  'Co-dominant stems.\nCabled in 2019, inspect cable yearly',
  'Planted by volunteers at the "Arbor Day" event, watered weekly',
  'Storm damage: large limb down.\nCrew cleared the street, stump grinding pending',
  'Girdling root, mulched and watered',
  'Street sign obscured, crown raised',
  'Leaning toward the road, about 15 degrees',
  '"Heritage tree" plaque at base',
  'Imported from the 2012 survey:\r\ncondition not re-checked',
  'Memorial tree — plaque at base, do not remove',
  'Near hydrant, keep 3 m clear',
  'Replaced after vehicle strike',
  'Tree guard removed, bark damage healing',
];

export function streetTreesSql(scale: number): string[] {
  const rows = scaled(5_000, scale);
  const { latitude, longitude } = coordinates('hood', 11, 12);
  return [
    `CREATE TABLE parks.street_trees (
      tree_id integer PRIMARY KEY,
      species_common text NOT NULL,
      species_latin text NOT NULL,
      diameter_cm integer NOT NULL CHECK (diameter_cm > 0),
      height_m numeric(4,1) NOT NULL,
      planted_on date,
      condition text NOT NULL CHECK (condition IN (${treeConditions.map(literal).join(', ')})),
      neighbourhood text NOT NULL,
      latitude numeric(9,6) NOT NULL,
      longitude numeric(9,6) NOT NULL,
      notes text
    )`,
    `INSERT INTO parks.street_trees
     SELECT 10000 + i,
            (${textArray(species.map((s) => s.common))})[species],
            (${textArray(species.map((s) => s.latin))})[species],
            least(180, 3 + age * (7 + ${draw(3)} % 7) / 10 + ${draw(4)} % 6),
            least(350, 20 + age * 4 + ${draw(5)} % 40) / 10.0,
            CASE WHEN unknown THEN NULL ELSE planted END,
            (${textArray(treeConditions)})[condition],
            ${neighbourhoodName('hood')},
            ${latitude},
            ${longitude},
            CASE WHEN ${chance(45, 8)} THEN NULL ELSE ${pick(notes, 9)} END
       FROM ${generatedRows(`generate_series(1, ${rows}) AS i`, 'i', 'street-trees', 3, [
         `${weightedIndex(
           species.map((s) => s.weight),
           0,
         )} AS species, ${chance(15, 1)} AS unknown,
          date '1980-01-01' + ${draw(2)} % 16436 AS planted, ${neighbourhoodIndex(6)} AS hood,
          ${weightedIndex(conditionWeights, 7)} AS condition`,
         // Trees without a planting record are the old ones, planted before records were kept.
         `CASE WHEN unknown THEN 30 + ${draw(10)} % 50 ELSE (date '2025-06-30' - planted) / 365 END AS age`,
       ])}`,
    ...comments('parks.street_trees', 'Trees on streets and in parks maintained by the Parks Department, one row per tree.', {
      tree_id: 'Asset number of the tree; never reused.',
      species_common: 'Species, common name.',
      species_latin: 'Species, botanical (Latin) name.',
      diameter_cm: 'Trunk diameter at breast height (1.3 m), in centimetres, at the last inspection.',
      height_m: 'Estimated height in metres at the last inspection.',
      planted_on: 'Planting date; NULL when unknown (trees planted before 1980).',
      condition: 'Condition rating at the last inspection.',
      neighbourhood: 'Neighbourhood the tree stands in.',
      latitude: 'Latitude (WGS 84).',
      longitude: 'Longitude (WGS 84).',
      notes: 'Free-text field notes by inspection crews.',
    }),
  ];
}

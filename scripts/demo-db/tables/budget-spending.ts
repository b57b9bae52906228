import { chance, comments, draw, generatedRows, intArray, scaled, textArray, weightedIndex } from '../sql-helpers.ts';

/**
 * Finance: payments to vendors. The fiscal-year column is called "Fiscal Year" (capitals and a
 * space), as the ledger exports it: unquoted, PostgreSQL would fold it to fiscal year and fail.
 */

export const spendingDepartments = [
  'Public Works',
  'Parks and Recreation',
  'Police',
  'Fire',
  'Transit',
  'Public Health',
  'Planning and Development',
  'Library',
  'Finance',
  'Human Resources',
  'Information Technology',
];
const departmentWeights = [20, 12, 15, 10, 10, 7, 5, 5, 5, 3, 8];

/** Spending categories, each with its usual vendors and a multiplier for the size of payments. */
const categories = [
  { name: 'Construction', weight: 8, size: 8, vendors: ['Riverton Asphalt Co.', 'Prairie State Builders Inc.', 'Keystone Concrete LLC'] },
  { name: 'Professional services', weight: 10, size: 2, vendors: ['Smith, Jones & Partners LLP', 'Müller Engineering GmbH', 'Brightline Consulting Group'] },
  { name: 'Equipment', weight: 10, size: 2, vendors: ['Northstar Equipment Rental', 'Midwest Mower & Saw', 'Lakeshore Safety Supply'] },
  { name: 'Supplies', weight: 20, size: 1, vendors: ['Blue Ridge Office Supply', '"Green Thumb" Landscaping Inc.', 'Metro Uniforms'] },
  { name: 'Utilities', weight: 12, size: 2, vendors: ['Riverton Electric Utility', 'Great Lakes Gas', 'Tri-County Telecom'] },
  { name: 'Vehicles and fuel', weight: 12, size: 3, vendors: ['Prairie Fuel Supply', 'Northstar Fleet Services', 'Heartland Ford'] },
  { name: 'IT and software', weight: 9, size: 2, vendors: ['CodeWorks Software', 'Civic Cloud Ltd.', 'DataHarbor Systems'] },
  { name: 'Training', weight: 5, size: 1, vendors: ['Municipal Training Institute', 'Riverton Community College', 'SafeWork Academy'] },
  { name: 'Grants to community groups', weight: 6, size: 1, vendors: ['Riverton Food Bank', 'Eastgate Youth Sports League', 'Old Town Arts Council'] },
  { name: 'Rent and leases', weight: 8, size: 2, vendors: ['Foundry Row Properties', 'Harbor Point Realty', 'Canal Street Holdings'] },
];

export const spendingCategories = categories.map((c) => c.name);
const DAYS = 2376; // 2019-07-01 (start of fiscal year 2020) … 2025-12-31

export function budgetSpendingSql(scale: number): string[] {
  const rows = scaled(15_000, scale);
  return [
    `CREATE TABLE finance.spending (
      payment_id integer PRIMARY KEY,
      "Fiscal Year" integer NOT NULL,
      department text NOT NULL,
      category text NOT NULL,
      vendor text NOT NULL,
      amount numeric(14,2) NOT NULL,
      paid_on date NOT NULL
    )`,
    `INSERT INTO finance.spending
     SELECT 500000 + i,
            -- Fiscal years run July to June and are named after the year they end in.
            extract(year FROM paid)::int + CASE WHEN extract(month FROM paid) >= 7 THEN 1 ELSE 0 END,
            (${textArray(spendingDepartments)})[${weightedIndex(departmentWeights, 1)}],
            (${textArray(spendingCategories)})[category],
            (${textArray(categories.flatMap((c) => c.vendors))})[(category - 1) * 3 + 1 + ${draw(2)} % 3],
            -- A cube spreads payments from tens of dollars to millions. Credit notes (about 2 %)
            -- are negative and smaller, so the column has legitimate negative values.
            (2500 + x * x * x / 40) * (${intArray(categories.map((c) => c.size))})[category]
              / (CASE WHEN credit THEN -1000.0 ELSE 100.0 END),
            paid
       FROM ${generatedRows(`generate_series(1, ${rows}) AS i`, 'i', 'budget-spending', 1, [
         `${weightedIndex(
           categories.map((c) => c.weight),
           0,
         )} AS category, (${draw(4)} % 1000)::bigint AS x, ${chance(2, 3)} AS credit,
          date '2019-07-01' + ((i - 1)::bigint * ${DAYS} / ${rows})::int AS day`,
         // Payment runs happen on weekdays: weekend dates move to the next Monday.
         `day + CASE extract(isodow FROM day) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END AS paid`,
       ])}`,
    ...comments('finance.spending', 'Payments to vendors from the general ledger; one row per payment line.', {
      payment_id: 'Payment line number in the ledger.',
      'Fiscal Year': 'Fiscal year (July to June), named after the calendar year it ends in.',
      department: 'Department whose budget paid.',
      category: 'Spending category from the chart of accounts.',
      vendor: 'Name of the company or organisation paid.',
      amount: 'Amount paid in US dollars; negative for credit notes and refunds.',
      paid_on: 'Date the payment was made.',
    }),
  ];
}

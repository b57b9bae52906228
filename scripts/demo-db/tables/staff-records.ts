import { STAFF_HOME_STREET, STAFF_SURNAME } from '../markers.ts';
import { between, comments, draw, generatedRows, intArray, pick, scaled, textArray, zeroPad } from '../sql-helpers.ts';

/**
 * Human Resources: personnel records. Not approved for publication; it exists so the privacy
 * tests can prove the snapshot never reads an unapproved table. Every value is fictional:
 * SSN-shaped ids use area numbers 900–999, which are never issued as Social Security numbers.
 */

const jobs = [
  { title: 'Maintenance Worker', department: 'Public Works', salary: 46_000 },
  { title: 'Equipment Mechanic', department: 'Public Works', salary: 54_000 },
  { title: 'Civil Engineer', department: 'Public Works', salary: 82_000 },
  { title: 'Arborist', department: 'Parks and Recreation', salary: 51_000 },
  { title: 'Recreation Coordinator', department: 'Parks and Recreation', salary: 44_000 },
  { title: 'Bus Operator', department: 'Transit', salary: 49_000 },
  { title: 'Police Officer', department: 'Police', salary: 68_000 },
  { title: 'Firefighter', department: 'Fire', salary: 64_000 },
  { title: 'Librarian', department: 'Library', salary: 56_000 },
  { title: 'Accountant', department: 'Finance', salary: 66_000 },
  { title: 'Urban Planner', department: 'Planning and Development', salary: 71_000 },
  { title: 'Food Safety Inspector', department: 'Public Health', salary: 58_000 },
  { title: 'Public Health Nurse', department: 'Public Health', salary: 74_000 },
  { title: 'Software Developer', department: 'Information Technology', salary: 88_000 },
  { title: 'Payroll Specialist', department: 'Human Resources', salary: 52_000 },
  { title: 'Administrative Assistant', department: 'Human Resources', salary: 41_000 },
];

const firstNames = ['Harriet', 'Viktor', 'Anneliese', 'Desmond', 'Imani', 'Ravi', 'Colette', 'Bruno', 'Ingrid', 'Tobias', 'Leila', 'Mateo'];
const surnames = [STAFF_SURNAME, 'Ivanova', 'Brennan', 'Takahashi', 'Osei', 'Lindqvist', 'Moreau', 'Delgado', 'Fitzgerald', 'Banerjee', 'Kaplan', 'Oyelaran'];
const homeStreets = [STAFF_HOME_STREET, 'Birch Lane', 'Sparrow Court', 'Kingfisher Way', 'Hawthorn Drive', 'Juniper Terrace'];

export function staffRecordsSql(scale: number): string[] {
  const rows = scaled(400, scale);
  return [
    `CREATE TABLE hr.staff_records (
      employee_id text PRIMARY KEY,
      first_name text NOT NULL,
      last_name text NOT NULL,
      job_title text NOT NULL,
      department text NOT NULL,
      annual_salary numeric(10,2) NOT NULL,
      date_of_birth date NOT NULL,
      ssn text NOT NULL,
      home_address text NOT NULL,
      hired_on date NOT NULL
    )`,
    `INSERT INTO hr.staff_records
     SELECT 'E' || ${zeroPad('i', 5)},
            ${pick(firstNames, 1)},
            ${pick(surnames, 2)},
            (${textArray(jobs.map((j) => j.title))})[job],
            (${textArray(jobs.map((j) => j.department))})[job],
            (${intArray(jobs.map((j) => j.salary))})[job] + ${draw(3)} % 2000000 / 100.0,
            -- Everyone was at least 18 when hired.
            hired - (6575 + ${draw(4)} % 10950),
            ${between(900, 999, 5)} || '-' || ${between(10, 99, 6)} || '-' || ${between(1000, 9999, 7)},
            ${between(10, 9999, 8)} || ' ' || ${pick(homeStreets, 9)} || ', Riverton',
            hired
       FROM ${generatedRows(`generate_series(1, ${rows}) AS i`, 'i', 'staff-records', 3, [`1 + ${draw(0)} % ${jobs.length} AS job, date '1992-01-01' + ${draw(10)} % 12419 AS hired`])}`,
    ...comments('hr.staff_records', 'CONFIDENTIAL personnel records. Not for publication.', {
      employee_id: 'Employee number.',
      first_name: 'PERSONAL DATA: given name.',
      last_name: 'PERSONAL DATA: family name.',
      job_title: 'Current job title.',
      department: 'Department the employee works in.',
      annual_salary: 'CONFIDENTIAL: annual base salary in US dollars.',
      date_of_birth: 'PERSONAL DATA: date of birth.',
      ssn: 'PERSONAL DATA: Social Security number.',
      home_address: 'PERSONAL DATA: home address.',
      hired_on: 'Date of hire.',
    }),
  ];
}

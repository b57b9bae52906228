import { describe, expect, it } from 'vitest';
import { classifyColumn } from './personal-columns.ts';

describe('the column classifier', () => {
  it.each([
    ['owner_phone', 'phone'],
    ['applicantName', 'person-name'],
    ['first_name', 'person-name'],
    ['Nachname', 'person-name'],
    ['prénom', 'person-name'],
    ['ownerEmail', 'email'],
    ['home_address', 'address'],
    ['date_of_birth', 'date-of-birth'],
    ['dob', 'date-of-birth'],
    ['ssn', 'national-id'],
    ['personnummer', 'national-id'],
    ['passport_no', 'passport'],
    ['licence_plate', 'licence-plate'],
    ['kennzeichen', 'licence-plate'],
    ['patient_id', 'patient-id'],
    ['employee_number', 'employee-id'],
    ['latitude', 'precise-location'],
    ['ip_address', 'network-id'],
  ])('takes a column named %j for personal data (%s)', (name, kind) => {
    expect(classifyColumn({ name })?.kind).toBe(kind);
  });

  it.each(['street_name', 'species_name', 'route_name', 'establishment_name', 'phone_type', 'address_type', 'patient_age', 'postal_code', 'vendor', 'name', 'channel'])(
    'leaves the ordinary column %j alone',
    (name) => {
      expect(classifyColumn({ name })).toBeNull();
    },
  );

  it('reads the title and the description (or database comment) too, and says what it read', () => {
    expect(classifyColumn({ name: 'c7', title: 'Owner phone' })).toEqual({ kind: 'phone', reason: 'a phone number (the title "Owner phone")' });
    expect(classifyColumn({ name: 'contact', description: 'E-mail address of the person who reported it.' })).toEqual({
      kind: 'email',
      reason: 'an e-mail address (the description says "E-mail address")',
    });
    expect(classifyColumn({ name: 'channel', description: 'How the request came in: phone, web or app.' })).toBeNull();
  });
});

/**
 * The personal-data detectors the snapshot runs on every published text value. Their ids are part
 * of the metadata format (a field's `scanReviewed.detectors` names them), so they live here; the
 * detectors themselves are in `scripts/build-data/lib/pii-detectors.ts`, one per id.
 */
export const piiDetectorIds = ['email', 'phone', 'us-ssn', 'ca-sin', 'uk-nino', 'iban', 'payment-card', 'ip-address', 'street-address', 'person-name'] as const;

export type PiiDetectorId = (typeof piiDetectorIds)[number];

/**
 * What each detector looks for, in plain language (for pages and messages). Messages put "a" or
 * "an" before a label by its first letter, so no label starts with "US" or "UK".
 */
export const piiDetectorLabels: Record<PiiDetectorId, string> = {
  email: 'e-mail address',
  phone: 'phone number',
  'us-ssn': 'Social Security number (US)',
  'ca-sin': 'Social Insurance number (Canada)',
  'uk-nino': 'National Insurance number (UK)',
  iban: 'bank account number (IBAN)',
  'payment-card': 'payment card number',
  'ip-address': 'IP address',
  'street-address': 'street address with a house number',
  'person-name': "person's name (given name and surname)",
};

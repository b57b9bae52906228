/**
 * The personal-data detectors the snapshot runs on every published text value. Their ids are part
 * of the metadata format (a field's `scanReviewed.detectors` names them), so they live here; the
 * detectors themselves are in `scripts/build-data/lib/pii-detectors.ts`, one per id.
 */
export const piiDetectorIds = [
  'email',
  'phone',
  'us-ssn',
  'ca-sin',
  'uk-nino',
  'iban',
  'payment-card',
  'ip-address',
  'street-address',
] as const;

export type PiiDetectorId = (typeof piiDetectorIds)[number];

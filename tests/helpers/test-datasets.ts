import type { DatasetInput } from '../../src/schemas/dataset.ts';

/**
 * What an approved test dataset needs to pass the approval gate: three sign-offs dated in the past
 * and a complete data-submission checklist. One copy, so a change to the gate changes every test.
 */
export const signedOff = {
  approvals: {
    dataSteward: { name: 'Test Data Steward', date: '2026-01-05' },
    privacyReview: { name: 'Test Privacy Officer', date: '2026-01-06' },
    securityReview: { name: 'Test Information Security', date: '2026-01-07' },
  },
  checklist: {
    sensitivity: 'public',
    privacyImpactAssessment: 'completed',
    retentionSchedule: 'TEST-1: 2 years',
    quality: 'Checked by hand against the source system.',
    frequencyConfirmed: true,
    licenseCleared: true,
  },
} as const;

type Specific = Pick<DatasetInput, 'id' | 'title' | 'summary' | 'description' | 'rowMeaning' | 'keywords' | 'theme' | 'source' | 'fields' | 'collectionMethod'>;

/** An approved, signed-off dataset for pipeline tests: what a test cares about, plus the usual rest. */
export function approvedTestDataset(specific: Specific & Partial<DatasetInput>): DatasetInput {
  return {
    publisher: 'Test Department',
    contactPoint: { name: 'Test team', email: 'test@riverton.example' },
    license: 'CC-BY-4.0',
    frequency: 'daily',
    temporal: { start: '2026-01-01' },
    spatial: 'Test city',
    status: 'approved',
    ...signedOff,
    ...specific,
  };
}

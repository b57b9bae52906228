import { z } from 'zod';
import { isoDate } from './iso-date.ts';
import { TEXT_LIMITS, tooLong } from './text-limits.ts';

/**
 * The approval workflow's record, kept in the dataset's metadata so every sign-off is reviewed in
 * a pull request and visible in the history: who signed off, when, and the answers of the
 * data-submission checklist. `publicationBlockers` is the one rule that decides whether an
 * approved dataset may leave the database.
 */

const signOff = z
  .object({
    /** The person (or role) who signed off. */
    name: z.string().min(2, { error: 'name the person who signed off' }).max(TEXT_LIMITS.name, tooLong('the name', TEXT_LIMITS.name)),
    /** The day they signed off. */
    date: isoDate,
  })
  .strict();

export const signOffRoles = {
  dataSteward: 'data steward',
  privacyReview: 'privacy review',
  securityReview: 'security review',
} as const;
export type SignOffRole = keyof typeof signOffRoles;

export const approvalsSchema = z
  .object({
    /** The data steward confirms the data is what the metadata says and may be published. */
    dataSteward: signOff.optional(),
    /** The privacy officer confirms no personal data is published (transforms, filters, small cells). */
    privacyReview: signOff.optional(),
    /** Security confirms the source, the role and the published content are safe to expose. */
    securityReview: signOff.optional(),
  })
  .strict();

export const sensitivityLevels = ['public', 'restricted', 'confidential', 'personal'] as const;
export const piaStatuses = ['not-required', 'completed', 'in-progress', 'not-started'] as const;

/** The data-submission checklist: the questions the publishing department answers before release. */
export const checklistSchema = z
  .object({
    /** Classification of the data as published: only `public` data may be released. */
    sensitivity: z.enum(sensitivityLevels, { error: `sensitivity must be one of: ${sensitivityLevels.join(', ')}` }),
    /** Status of the privacy impact assessment. */
    privacyImpactAssessment: z.enum(piaStatuses, { error: `privacyImpactAssessment must be one of: ${piaStatuses.join(', ')}` }),
    /** The records retention schedule that governs the source data, e.g. "PW-12: 7 years". */
    retentionSchedule: z
      .string()
      .min(3, { error: 'name the retention schedule that applies, e.g. "PW-12: 7 years"' })
      .max(TEXT_LIMITS.retentionSchedule, tooLong('the retention schedule', TEXT_LIMITS.retentionSchedule)),
    /** How the data's quality was checked before release, in plain language. */
    quality: z.string().min(10, { error: 'say in a sentence how the quality of the data was checked' }).max(TEXT_LIMITS.quality, tooLong('the quality check', TEXT_LIMITS.quality)),
    /** The department can keep the declared refresh frequency. */
    frequencyConfirmed: z.boolean(),
    /** The department has the right to release the data under the declared licence. */
    licenseCleared: z.boolean(),
  })
  .strict();

export type Approvals = z.infer<typeof approvalsSchema>;
export type Checklist = z.infer<typeof checklistSchema>;

/** What the gate needs to know about a dataset (a structural subset of the full metadata). */
export interface GateInput {
  status: string;
  approvals?: Approvals;
  checklist?: Checklist;
  /** True when the dataset declares transforms, a row filter or small-cell protection: personal data is involved. */
  handlesPersonalData: boolean;
}

/**
 * Why an approved dataset may not be published yet, one actionable line each; empty when it may.
 * The snapshot refuses a dataset with blockers, catalog:check reports them, and the site lists it
 * as not yet published.
 */
export function publicationBlockers(dataset: GateInput, today: string): string[] {
  const blockers: string[] = [];
  for (const [role, label] of Object.entries(signOffRoles) as [SignOffRole, string][]) {
    const record = dataset.approvals?.[role];
    if (!record) blockers.push(`approvals.${role}: the ${label} sign-off is missing; add { name, date } once it is given`);
    else if (record.date > today) blockers.push(`approvals.${role}: the ${label} sign-off is dated ${record.date}, in the future; use the day it was given`);
  }
  const checklist = dataset.checklist;
  if (!checklist) {
    blockers.push('checklist: the data-submission checklist is missing; answer it (sensitivity, privacyImpactAssessment, retentionSchedule, quality, frequencyConfirmed, licenseCleared)');
    return blockers;
  }
  if (checklist.sensitivity !== 'public') {
    blockers.push(`checklist.sensitivity: the published data is classified "${checklist.sensitivity}"; only public data may be released. Remove or transform what makes it sensitive, then reclassify`);
  }
  if (checklist.privacyImpactAssessment === 'in-progress' || checklist.privacyImpactAssessment === 'not-started') {
    blockers.push(`checklist.privacyImpactAssessment: the assessment is ${checklist.privacyImpactAssessment}; publish once it is completed`);
  }
  if (checklist.privacyImpactAssessment === 'not-required' && dataset.handlesPersonalData) {
    blockers.push('checklist.privacyImpactAssessment: the dataset transforms or filters personal data, so an assessment is required; complete it and set "completed"');
  }
  if (!checklist.frequencyConfirmed) blockers.push('checklist.frequencyConfirmed: the department has not confirmed it can keep the declared frequency');
  if (!checklist.licenseCleared) blockers.push('checklist.licenseCleared: the right to release the data under the declared licence is not cleared');
  return blockers;
}

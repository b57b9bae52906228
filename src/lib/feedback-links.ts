import { siteConfig } from '../site.config.ts';

/**
 * Links from the site into the repository: report a problem (a pre-filled issue form), request a
 * dataset, edit the metadata. The query parameters are documented in docs/maintainers.md; each one
 * except `template`, `title` and `labels` is the `id` of a field in the issue form, and a test
 * checks the forms still have those ids.
 */

interface Config {
  repository: string;
  branch: string;
  issueTemplates: { requestDataset: string; reportProblem: string };
}

function newIssue(config: Config, template: string, params: Record<string, string | undefined>): string {
  const url = new URL(`${config.repository.replace(/\/$/, '')}/issues/new`);
  url.searchParams.set('template', template);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url.href;
}

/** The "report a problem" form, pre-filled with the dataset, its version and the page address. */
export function reportProblemUrl(dataset: { id: string; title: string }, context: { version?: string; pageUrl?: string } = {}, config: Config = siteConfig): string {
  return newIssue(config, config.issueTemplates.reportProblem, {
    title: `Problem with ${dataset.title}: `,
    dataset: dataset.id,
    version: context.version,
    page: context.pageUrl,
  });
}

export function requestDatasetUrl(config: Config = siteConfig): string {
  return newIssue(config, config.issueTemplates.requestDataset, {});
}

/** The metadata file in the repository's web editor (GitHub opens a fork for people without access). */
export function editMetadataUrl(id: string, config: Config = siteConfig): string {
  return `${config.repository.replace(/\/$/, '')}/edit/${config.branch}/src/content/datasets/${id}.yaml`;
}

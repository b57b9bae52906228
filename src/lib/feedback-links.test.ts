import { describe, expect, it } from 'vitest';
import { editMetadataUrl, reportProblemUrl, requestDatasetUrl } from './feedback-links.ts';

const config = {
  repository: 'https://github.com/example-city/catalog',
  branch: 'main',
  issueTemplates: { requestDataset: 'request-dataset.yml', reportProblem: 'report-problem.yml', submitDataset: 'submit-dataset.yml' },
};

describe('links into the repository', () => {
  it('pre-fills the report-a-problem form with the dataset, version and page', () => {
    expect(reportProblemUrl({ id: 'street-trees', title: 'Street trees & parks' }, { version: '2026-11-25', pageUrl: 'https://data.example/datasets/street-trees/' }, config)).toBe(
      'https://github.com/example-city/catalog/issues/new?template=report-problem.yml&title=Problem+with+Street+trees+%26+parks%3A+&dataset=street-trees&version=2026-11-25&page=https%3A%2F%2Fdata.example%2Fdatasets%2Fstreet-trees%2F',
    );
  });

  it('leaves out what it does not know', () => {
    expect(reportProblemUrl({ id: 'a', title: 'A' }, {}, config)).toBe('https://github.com/example-city/catalog/issues/new?template=report-problem.yml&title=Problem+with+A%3A+&dataset=a');
    expect(requestDatasetUrl(config)).toBe('https://github.com/example-city/catalog/issues/new?template=request-dataset.yml');
  });

  it('opens the metadata file in the editor on the configured branch', () => {
    expect(editMetadataUrl('street-trees', config)).toBe('https://github.com/example-city/catalog/edit/main/src/content/datasets/street-trees.yaml');
  });
});

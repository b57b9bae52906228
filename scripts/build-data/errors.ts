/**
 * The errors of the snapshot pipeline (`npm run build:data`), in one place. A maintainer's mistake
 * that stops the whole run is a `CliError` (src/shared/cli-error.ts); these stop less than that.
 */

/** A dataset-level failure: stops this dataset, the others go on, the run exits non-zero. */
export class DatasetError extends Error {
  readonly dataset: string;

  constructor(dataset: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatasetError';
    this.dataset = dataset;
  }
}

/** Thrown when a value cannot go into one download format (XLSX); the snapshot then publishes the other formats without it. */
export class FormatNotWritable extends Error {}

/** Why a key comparison of two versions could not be made; the message is for readers of the version history. */
export class NotComparable extends Error {}

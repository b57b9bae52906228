import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { CliError } from '../../../src/shared/cli-error.ts';

/**
 * The S3-compatible store that serves a catalog's large files (AWS S3, Cloudflare R2, Backblaze B2,
 * MinIO, Ceph…), configured from the environment and reached with the AWS SDK. Objects are
 * written once: an object already there is checked, never replaced.
 */

export interface StoreSettings {
  bucket: string;
  /** Key prefix without slashes at the ends, or '' for the bucket's root. */
  prefix: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
}

/** Reads the store's settings; a missing bucket is a configuration error naming the variable (exit 2). */
export function storeSettings(env: NodeJS.ProcessEnv): StoreSettings {
  const bucket = env.DOWNLOADS_S3_BUCKET?.trim();
  if (!bucket) {
    throw new CliError(
      'DOWNLOADS_S3_BUCKET is not set: name the S3-compatible bucket that serves the large files (the one downloads.baseUrl in src/site.config.ts points to). ' +
        'Also set DOWNLOADS_S3_ENDPOINT for a store other than AWS S3, DOWNLOADS_S3_PREFIX if the files live under a prefix, and the credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
      { exitCode: 2 },
    );
  }
  const endpoint = env.DOWNLOADS_S3_ENDPOINT?.trim() || undefined;
  if (endpoint && !/^https?:\/\/[^/]/.test(endpoint)) throw new CliError(`DOWNLOADS_S3_ENDPOINT must be a URL such as https://<account>.r2.cloudflarestorage.com, not "${endpoint}".`, { exitCode: 2 });
  return {
    bucket,
    prefix: (env.DOWNLOADS_S3_PREFIX ?? '').replace(/^\/+|\/+$/g, ''),
    endpoint,
    region: env.DOWNLOADS_S3_REGION?.trim() || env.AWS_REGION?.trim() || 'us-east-1',
    // MinIO and most self-hosted stores address buckets by path, not by host name.
    forcePathStyle: /^(1|true|yes)$/i.test(env.DOWNLOADS_S3_FORCE_PATH_STYLE ?? ''),
  };
}

/** What the store holds at a key, or null. */
export interface StoredObject {
  bytes: number;
  /** The SHA-256 the uploader recorded in the object's metadata, if any. */
  sha256: string | undefined;
}

export class ObjectStore {
  private readonly client: S3Client;
  readonly settings: StoreSettings;

  constructor(settings: StoreSettings) {
    this.settings = settings;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      // Checksums only where the operation requires them: several S3-compatible stores reject the SDK's default CRC32 trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  key(path: string): string {
    return this.settings.prefix ? `${this.settings.prefix}/${path}` : path;
  }

  /** Where a key is, for messages (no credentials in it). */
  where(key: string): string {
    return `s3://${this.settings.bucket}/${key}${this.settings.endpoint ? ` at ${new URL(this.settings.endpoint).host}` : ''}`;
  }

  private fail(action: string, key: string, cause: unknown): never {
    const status = cause instanceof S3ServiceException ? cause.$metadata.httpStatusCode : undefined;
    const name = cause instanceof Error ? cause.name : 'error';
    const hint =
      status === 403 || name === 'AccessDenied' || name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch'
        ? 'Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: the key needs s3:GetObject, s3:PutObject and s3:DeleteObject on the bucket.'
        : name === 'NoSuchBucket'
          ? 'Check DOWNLOADS_S3_BUCKET (and DOWNLOADS_S3_ENDPOINT for a store other than AWS).'
          : 'Check DOWNLOADS_S3_ENDPOINT, DOWNLOADS_S3_REGION and the network.';
    throw new CliError(`Could not ${action} ${this.where(key)} (${name}${status ? `, HTTP ${status}` : ''}). ${hint}`, { exitCode: 3, cause });
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return { bytes: head.ContentLength ?? -1, sha256: head.Metadata?.sha256 };
    } catch (cause) {
      if (cause instanceof S3ServiceException && (cause.name === 'NotFound' || cause.$metadata.httpStatusCode === 404)) return null;
      this.fail('look at', key, cause);
    }
  }

  /** Uploads a file with its media type, its SHA-256 (in metadata, and as a checksum the store verifies where it can) and a cache lifetime for a file that never changes. */
  async put(key: string, file: string, options: { bytes: number; sha256: string; mediaType: string }): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Body: createReadStream(file),
          ContentLength: options.bytes,
          ContentType: options.mediaType,
          CacheControl: 'public, max-age=31536000, immutable',
          Metadata: { sha256: options.sha256 },
          ChecksumSHA256: Buffer.from(options.sha256, 'hex').toString('base64'),
          // Refused by stores that support it when an object appeared since we looked: never replace one.
          IfNoneMatch: '*',
        }),
      );
    } catch (cause) {
      this.fail('upload to', key, cause);
    }
  }

  /** The SHA-256 and size of what the store serves at a key, read back in full. */
  async digest(key: string): Promise<{ sha256: string; bytes: number }> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of object.Body as Readable) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      return { sha256: hash.digest('hex'), bytes };
    } catch (cause) {
      this.fail('read back', key, cause);
    }
  }

  /** Removes an object this run uploaded and found damaged (it was never published). */
  async remove(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    } catch (cause) {
      this.fail('remove', key, cause);
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}

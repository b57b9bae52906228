import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/**
 * A local S3-compatible server for the tests (s3rver: the S3 REST API over a folder), with one
 * bucket configured as docs/maintainers.md tells maintainers to configure theirs: public reads,
 * CORS for GET and HEAD with the Range header, and Content-Range exposed.
 */

export const CORS_CONFIGURATION = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>Range</AllowedHeader>
    <ExposeHeader>Content-Range</ExposeHeader>
    <ExposeHeader>Content-Length</ExposeHeader>
    <ExposeHeader>Accept-Ranges</ExposeHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>86400</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface TestS3 {
  /** The API endpoint (path-style): `http://127.0.0.1:<port>`. */
  endpoint: string;
  bucket: string;
  /** The environment `npm run downloads:upload` needs for this server. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startS3(bucket = 'catalog-files'): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 's3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [CORS_CONFIGURATION] }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      DOWNLOADS_S3_BUCKET: bucket,
      DOWNLOADS_S3_ENDPOINT: endpoint,
      DOWNLOADS_S3_FORCE_PATH_STYLE: 'true',
      DOWNLOADS_S3_REGION: 'us-east-1',
      // s3rver's fixed test credentials.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

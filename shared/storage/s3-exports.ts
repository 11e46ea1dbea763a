import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportStorage } from '../domain/ports.js';

/**
 * Export files in an S3 bucket whose lifecycle rule deletes them after 7 days: written by the API, downloaded
 * by browsers through presigned GETs, so the bucket itself stays private.
 */
export function s3ExportStorage(options: { client: S3Client; bucket: string }): ExportStorage {
  const { client, bucket } = options;
  return {
    async put({ key, body, contentType }) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },

    async downloadUrl({ key, filename, expiresInSeconds }) {
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        // RFC 6266: an ASCII fallback name, and the real one percent-encoded for browsers that read filename*.
        ResponseContentDisposition: `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    },
  };
}

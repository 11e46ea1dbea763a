import type { S3Client } from '@aws-sdk/client-s3';
import { HeadObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { MediaStorage } from '../domain/ports.js';

/** Product photos in an S3 bucket: uploaded by browsers through presigned POSTs, served from `publicBaseUrl`. */
export function s3MediaStorage(options: { client: S3Client; bucket: string; publicBaseUrl: string }): MediaStorage {
  const { client, bucket } = options;
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  return {
    async presignUpload({ key, contentType, maxBytes, expiresInSeconds }) {
      // A POST policy (unlike a presigned PUT) lets S3 itself refuse an oversized or mistyped upload.
      const { url, fields } = await createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
        ],
        Fields: { 'Content-Type': contentType },
        Expires: expiresInSeconds,
      });
      return { url, fields };
    },

    async describe(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { contentType: head.ContentType, bytes: head.ContentLength ?? 0 };
      } catch (error) {
        if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return undefined;
        throw error;
      }
    },

    publicUrl: (key) => `${base}/${key.split('/').map(encodeURIComponent).join('/')}`,
  };
}

import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { cognitoVerifier } from '../../shared/auth/jwt-verifier.js';
import { repositories } from '../../shared/db/repositories/index.js';
import type { Deps } from '../../shared/domain/ports.js';
import { systemClock, ulidIds } from '../../shared/runtime/ids.js';
import { s3MediaStorage } from '../../shared/storage/s3-media.js';
import { s3ExportStorage } from '../../shared/storage/s3-exports.js';
import { TableAndStripeEnv, stripeConfigured, stripeOf, tableOf } from '../production-common.js';

/** What the API function is told by its environment (set by the CDK stack), beyond the table and Stripe. */
const ProductionEnv = TableAndStripeEnv.extend({
  MEDIA_BUCKET: z.string().min(1),
  MEDIA_BASE_URL: z.url(),
  /** The exports bucket (CSV exports; a lifecycle rule deletes objects after 7 days). Until set, exports answer 500. */
  EXPORTS_BUCKET: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
}).refine(...stripeConfigured);

/**
 * Wires real AWS clients once per Lambda container: everything the API's routes use. The webhook and the
 * scheduler wire only what they use (their own production-deps.ts), so their bundles stay smaller.
 */
export function productionDeps(env: NodeJS.ProcessEnv = process.env): Deps {
  const config = ProductionEnv.parse(env);
  const db = tableOf(config);
  const s3 = new S3Client({ region: config.AWS_REGION });
  return {
    clock: systemClock,
    ids: ulidIds(systemClock),
    ...repositories(db),
    media: s3MediaStorage({ client: s3, bucket: config.MEDIA_BUCKET, publicBaseUrl: config.MEDIA_BASE_URL }),
    exportFiles: s3ExportStorage({ client: s3, bucket: config.EXPORTS_BUCKET }),
    ...stripeOf(config),
    tokens: cognitoVerifier({ region: config.AWS_REGION, userPoolId: config.USER_POOL_ID, clientId: config.USER_POOL_CLIENT_ID }),
  };
}

import { S3Client } from '@aws-sdk/client-s3';
import Stripe from 'stripe';
import { z } from 'zod';
import { stripeEventVerifier } from '../../shared/payments/stripe-events.js';
import { stripeGateway } from '../../shared/payments/stripe-gateway.js';
import { cognitoVerifier } from '../../shared/auth/jwt-verifier.js';
import { createDb } from '../../shared/db/dynamo.js';
import { repositories } from '../../shared/db/repositories/index.js';
import type { Deps } from '../../shared/domain/ports.js';
import { systemClock, ulidIds } from '../../shared/runtime/ids.js';
import { s3MediaStorage } from '../../shared/storage/s3-media.js';

/** What a deployed function is told by its environment (set by the CDK stack). */
const ProductionEnv = z.object({
  AWS_REGION: z.string().min(1),
  TABLE_NAME: z.string().min(1),
  MEDIA_BUCKET: z.string().min(1),
  MEDIA_BASE_URL: z.url(),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  STRIPE_SECRET_KEY: z.string().startsWith('sk_'),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
});

/** Wires real AWS clients once per Lambda container. */
export function productionDeps(env: NodeJS.ProcessEnv = process.env): Deps {
  const config = ProductionEnv.parse(env);
  const db = createDb({ tableName: config.TABLE_NAME, region: config.AWS_REGION });
  const stripe = new Stripe(config.STRIPE_SECRET_KEY, { maxNetworkRetries: 2, timeout: 10_000 });
  return {
    clock: systemClock,
    ids: ulidIds(systemClock),
    ...repositories(db),
    media: s3MediaStorage({ client: new S3Client({ region: config.AWS_REGION }), bucket: config.MEDIA_BUCKET, publicBaseUrl: config.MEDIA_BASE_URL }),
    payments: stripeGateway(stripe),
    paymentEvents: stripeEventVerifier(stripe, config.STRIPE_WEBHOOK_SECRET),
    tokens: cognitoVerifier({ region: config.AWS_REGION, userPoolId: config.USER_POOL_ID, clientId: config.USER_POOL_CLIENT_ID }),
  };
}

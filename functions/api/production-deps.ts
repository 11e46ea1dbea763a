import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { StripeKeys, lazyStripe } from '../../shared/payments/lazy-stripe.js';
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
  /** The stage's Stripe secret (JSON: secretKey, webhookSecret), read at run time once per container. */
  STRIPE_SECRET_ARN: z.string().startsWith('arn:').optional(),
  /** Keys given directly instead (a benchmark or a test of the bundle); the secret wins when both are set. */
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
}).refine((env) => env.STRIPE_SECRET_ARN || (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET), {
  message: 'set STRIPE_SECRET_ARN, or STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET',
});

/** Wires real AWS clients once per Lambda container. */
export function productionDeps(env: NodeJS.ProcessEnv = process.env): Deps {
  const config = ProductionEnv.parse(env);
  const db = createDb({ tableName: config.TABLE_NAME, region: config.AWS_REGION });
  const secretArn = config.STRIPE_SECRET_ARN;
  const stripe = lazyStripe(async () => {
    if (!secretArn) return StripeKeys.parse({ secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET });
    const secret = await new SecretsManagerClient({ region: config.AWS_REGION }).send(new GetSecretValueCommand({ SecretId: secretArn }));
    return StripeKeys.parse(JSON.parse(secret.SecretString ?? '{}'));
  });
  return {
    clock: systemClock,
    ids: ulidIds(systemClock),
    ...repositories(db),
    media: s3MediaStorage({ client: new S3Client({ region: config.AWS_REGION }), bucket: config.MEDIA_BUCKET, publicBaseUrl: config.MEDIA_BASE_URL }),
    ...stripe,
    tokens: cognitoVerifier({ region: config.AWS_REGION, userPoolId: config.USER_POOL_ID, clientId: config.USER_POOL_CLIENT_ID }),
  };
}

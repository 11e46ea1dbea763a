import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { createDb, type Db } from '../shared/db/dynamo.js';
import { StripeKeys, lazyStripe } from '../shared/payments/lazy-stripe.js';

/**
 * The settings every deployed function that reaches the table and Stripe is given (by the ApiStack; AWS_REGION
 * by Lambda). Each function's own `production-deps.ts` extends it with what only it reads, then applies
 * `stripeConfigured`: zod refuses to extend an object schema that already carries a refinement.
 */
export const TableAndStripeEnv = z.object({
  AWS_REGION: z.string().min(1),
  TABLE_NAME: z.string().min(1),
  /** The stage's Stripe secret (JSON: secretKey, webhookSecret), read at run time once per container. */
  STRIPE_SECRET_ARN: z.string().startsWith('arn:').optional(),
  /** Keys given directly instead (a benchmark or a test of the bundle); the secret wins when both are set. */
  STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
});
export type TableAndStripeEnv = z.infer<typeof TableAndStripeEnv>;

/**
 * The refinement that makes a Stripe configuration complete: the secret's ARN, or both keys.
 *
 * @example
 * const SchedulerEnv = TableAndStripeEnv.refine(...stripeConfigured);
 */
export const stripeConfigured = [
  (env: TableAndStripeEnv) => Boolean(env.STRIPE_SECRET_ARN || (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET)),
  { message: 'set STRIPE_SECRET_ARN, or STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET' },
] as const;

/** The table's document client, built once per container. */
export function tableOf(config: TableAndStripeEnv): Db {
  return createDb({ tableName: config.TABLE_NAME, region: config.AWS_REGION });
}

/**
 * The payment port and the webhook verifier on Stripe, with the keys loaded from the stage's secret the first
 * time either is used (shared/payments/lazy-stripe.ts), so a cold start that never pays waits for no secret.
 */
export function stripeOf(config: TableAndStripeEnv): ReturnType<typeof lazyStripe> {
  const secretArn = config.STRIPE_SECRET_ARN;
  return lazyStripe(async () => {
    if (!secretArn) return StripeKeys.parse({ secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET });
    const secret = await new SecretsManagerClient({ region: config.AWS_REGION }).send(new GetSecretValueCommand({ SecretId: secretArn }));
    return StripeKeys.parse(JSON.parse(secret.SecretString ?? '{}'));
  });
}

import { S3Client } from '@aws-sdk/client-s3';
import Stripe from 'stripe';
import { paymentSimulator, type PaymentSimulator } from '../../shared/payments/simulator.js';
import { stripeEventVerifier } from '../../shared/payments/stripe-events.js';
import { stripeGateway } from '../../shared/payments/stripe-gateway.js';
import { createDb, type Db } from '../../shared/db/dynamo.js';
import { repositories } from '../../shared/db/repositories/index.js';
import type { Clock } from '../../shared/domain/ids.js';
import type { Deps } from '../../shared/domain/ports.js';
import { systemClock, ulidIds } from '../../shared/runtime/ids.js';
import { s3MediaStorage } from '../../shared/storage/s3-media.js';
import { s3ExportStorage } from '../../shared/storage/s3-exports.js';
import type { DevIssuer } from './dev-issuer.js';
import { localS3ClientConfig } from './s3-local.js';

export const MEDIA_BUCKET = 'village-link-media';
/** Local stand-in for the exports bucket (CSV exports, downloaded through presigned GETs). */
export const EXPORTS_BUCKET = 'village-link-exports';

/** The local stack's webhook signing secret: the simulator signs with it and the verifier checks it. */
export const LOCAL_WEBHOOK_SECRET = 'whsec_local_village_link_simulator';

export interface LocalConfig {
  tableName: string;
  dynamoEndpoint: string;
  /** The S3 endpoint as browsers reach it: presigned POST URLs and photo URLs point here. */
  s3Endpoint: string;
  issuer: DevIssuer;
  clock?: Clock;
  /** With a Stripe test key (STRIPE_SECRET_KEY + STRIPE_WEBHOOK_SECRET), pay through Stripe instead of the simulator. */
  stripe?: { secretKey: string; webhookSecret: string };
}

/**
 * The same ports production uses, wired to DynamoDB Local, the local S3 server, the dev issuer and — unless a
 * Stripe key is given — the payment simulator. The simulator delivers its webhooks to whatever app is
 * connected with `connectWebhook`, through the very route Stripe calls.
 */
export function localDeps(config: LocalConfig): {
  deps: Deps;
  db: Db;
  s3: S3Client;
  simulator: PaymentSimulator | undefined;
  connectWebhook(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }): void;
} {
  const clock = config.clock ?? systemClock;
  const db = createDb({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: 'local' });
  // Checksums only when required, or presigned requests sign the CRC of an empty body.
  const s3 = new S3Client({ ...localS3ClientConfig(config.s3Endpoint), requestChecksumCalculation: 'WHEN_REQUIRED' });
  let webhookTarget: Parameters<ReturnType<typeof localDeps>['connectWebhook']>[0] | undefined;
  const simulator = config.stripe
    ? undefined
    : paymentSimulator({
        db,
        clock,
        webhookSecret: LOCAL_WEBHOOK_SECRET,
        payPageBase: '',
        deliver: async (rawBody, signature) => {
          if (!webhookTarget) throw new Error('no app is connected to receive simulated webhooks yet');
          const response = await webhookTarget.request('/api/webhooks/stripe', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'stripe-signature': signature },
            body: rawBody,
          });
          if (response.status >= 300) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
        },
      });
  const stripe = new Stripe(config.stripe?.secretKey ?? 'sk_test_simulator', { maxNetworkRetries: 2 });
  const deps: Deps = {
    clock,
    ids: ulidIds(clock),
    ...repositories(db),
    media: s3MediaStorage({ client: s3, bucket: MEDIA_BUCKET, publicBaseUrl: `${config.s3Endpoint}/${MEDIA_BUCKET}` }),
    exportFiles: s3ExportStorage({ client: s3, bucket: EXPORTS_BUCKET }),
    tokens: config.issuer.verifier,
    payments: simulator ?? stripeGateway(stripe),
    paymentEvents: stripeEventVerifier(stripe, config.stripe?.webhookSecret ?? LOCAL_WEBHOOK_SECRET, { clock }),
  };
  return { deps, db, s3, simulator, connectWebhook: (app) => (webhookTarget = app) };
}

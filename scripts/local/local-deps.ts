import { S3Client } from '@aws-sdk/client-s3';
import { createDb, type Db } from '../../shared/db/dynamo.js';
import { repositories } from '../../shared/db/repositories/index.js';
import type { Clock } from '../../shared/domain/ids.js';
import type { Deps } from '../../shared/domain/ports.js';
import { systemClock, ulidIds } from '../../shared/runtime/ids.js';
import { s3MediaStorage } from '../../shared/storage/s3-media.js';
import type { DevIssuer } from './dev-issuer.js';
import { localS3ClientConfig } from './s3-local.js';

export const MEDIA_BUCKET = 'village-link-media';

export interface LocalConfig {
  tableName: string;
  dynamoEndpoint: string;
  /** The S3 endpoint as browsers reach it: presigned POST URLs and photo URLs point here. */
  s3Endpoint: string;
  issuer: DevIssuer;
  clock?: Clock;
}

/** The same ports production uses, wired to DynamoDB Local, the local S3 server and the dev issuer. */
export function localDeps(config: LocalConfig): { deps: Deps; db: Db; s3: S3Client } {
  const clock = config.clock ?? systemClock;
  const db = createDb({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: 'local' });
  // Checksums only when required, or presigned requests sign the CRC of an empty body.
  const s3 = new S3Client({ ...localS3ClientConfig(config.s3Endpoint), requestChecksumCalculation: 'WHEN_REQUIRED' });
  const deps: Deps = {
    clock,
    ids: ulidIds(clock),
    ...repositories(db),
    media: s3MediaStorage({ client: s3, bucket: MEDIA_BUCKET, publicBaseUrl: `${config.s3Endpoint}/${MEDIA_BUCKET}` }),
    tokens: config.issuer.verifier,
  };
  return { deps, db, s3 };
}

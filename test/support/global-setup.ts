import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findFreePort, startDynamoDbLocal } from '../../scripts/local/dynamodb-local.js';
import { EXPORTS_BUCKET, MEDIA_BUCKET } from '../../scripts/local/local-deps.js';
import { startS3Local } from '../../scripts/local/s3-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

/** Starts the real emulators once per run: DynamoDB Local in memory and s3rver in a temporary folder. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal({ port: await findFreePort() });
  const s3Directory = mkdtempSync(join(tmpdir(), 'village-link-s3-'));
  const s3 = await startS3Local({
    port: await findFreePort(),
    directory: s3Directory,
    buckets: [MEDIA_BUCKET, EXPORTS_BUCKET],
    allowedOrigins: ['http://localhost:3000'],
  });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await s3.stop();
    await dynamo.stop();
    rmSync(s3Directory, { recursive: true, force: true });
  };
}

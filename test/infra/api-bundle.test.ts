import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/village-function.js';
import { CLOUDFRONT_STAGE, resourcesOf, synthesize, type Synthesized } from './synth.js';

/**
 * Ceiling for the API function's minified bundle. Measured at about 1,430 KB with the AWS SDK bundled: zod 4
 * ~445 KB (its locales alone ~260 KB, kept because @hono/zod-openapi extends the whole `z` namespace, which
 * defeats tree-shaking), stripe ~240 KB, the S3 and DynamoDB clients ~450 KB, the app itself ~90 KB. The
 * ceiling leaves ~10% room: growing past it should be a decision, not an accident.
 */
const API_BUNDLE_BUDGET_BYTES = 1_600 * 1024;

let synth: Synthesized;
let bundleDir: string;
beforeAll(() => {
  synth = synthesize(CLOUDFRONT_STAGE, { bundle: true });
  const [, fn] = resourcesOf(synth.api, 'AWS::Lambda::Function')[0]!;
  bundleDir = join(synth.outdir, fn.Metadata!['aws:asset:path']!);
});
afterAll(() => synth.cleanUp());

describe('API function bundle (as deployed)', () => {
  it(`stays within ${API_BUNDLE_BUDGET_BYTES / 1024} KB minified`, () => {
    const { size } = statSync(join(bundleDir, 'index.mjs'));
    console.info(`api bundle: ${(size / 1024).toFixed(0)} KB minified`);
    expect(size).toBeLessThanOrEqual(API_BUNDLE_BUDGET_BYTES);
  });

  it('is one ESM file that starts with the require banner, with its source map beside it', () => {
    const code = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(existsSync(join(bundleDir, 'index.mjs.map'))).toBe(true);
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//); // the SDK is inside, not expected from the runtime
  });

  it('loads in plain Node and answers GET /api/health through the Lambda handler', () => {
    // Prepare: the environment production-deps.ts validates, and an HTTP API (payload 2.0) event.
    const env = {
      PATH: process.env.PATH,
      AWS_REGION: 'ap-southeast-1',
      TABLE_NAME: 'village-link-test',
      MEDIA_BUCKET: 'village-link-test-media',
      MEDIA_BASE_URL: 'https://d111111abcdef8.cloudfront.net/media',
      USER_POOL_ID: 'ap-southeast-1_example',
      USER_POOL_CLIENT_ID: 'exampleclientid',
      STRIPE_SECRET_KEY: 'sk_test_bundle',
      STRIPE_WEBHOOK_SECRET: 'whsec_bundle',
      BUNDLE_URL: pathToFileURL(join(bundleDir, 'index.mjs')).href,
    };
    const event = {
      version: '2.0',
      routeKey: 'ANY /api/{proxy+}',
      rawPath: '/api/health',
      rawQueryString: '',
      headers: { host: 'example.execute-api.ap-southeast-1.amazonaws.com', accept: 'application/json' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'example',
        domainName: 'example.execute-api.ap-southeast-1.amazonaws.com',
        domainPrefix: 'example',
        http: { method: 'GET', path: '/api/health', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
        requestId: 'req-1',
        routeKey: 'ANY /api/{proxy+}',
        stage: '$default',
        time: '21/Nov/2026:00:00:00 +0000',
        timeEpoch: 1_795_000_000_000,
      },
      isBase64Encoded: false,
    };
    const script = `const { handler } = await import(process.env.BUNDLE_URL);
      const response = await handler(${JSON.stringify(event)}, {});
      process.stdout.write(JSON.stringify(response));`;

    // Act: a separate Node process, as Lambda would load it (no vitest transform in between).
    const output = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { env, encoding: 'utf8' });

    // Assess
    const response = JSON.parse(output) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ok' });
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS_KB, BUNDLE_RATCHETS_KB, bundleCeilingKb } from '../../infra/bundling/budgets.js';
import { ESM_REQUIRE_BANNER, type VillageFunction } from '../../infra/constructs/village-function.js';
import { CLOUDFRONT_STAGE, synthesize, type Synthesized } from './synth.js';

let synth: Synthesized;
/** index.mjs of each function with a budget, by handler entry. */
const bundles = new Map<string, string>();
const bundleOf = (entry: string) => bundles.get(entry)!;
const API_ENTRY = 'functions/api/handler.ts';
const WEBHOOK_ENTRY = 'functions/stripe-webhook/handler.ts';
const SCHEDULER_ENTRY = 'functions/scheduler/handler.ts';
/** The source files a bundle was built from, as its source map lists them. */
const sourcesOf = (entry: string) => (JSON.parse(readFileSync(`${bundleOf(entry)}.map`, 'utf8')) as { sources: string[] }).sources;

beforeAll(() => {
  // Bundled by NodejsFunction itself, with HOUSE_BUNDLING: exactly what a deploy uploads.
  synth = synthesize(CLOUDFRONT_STAGE, { bundle: true });
  const { api } = synth.stacks;
  const functions: VillageFunction[] = [api.apiFunction, api.webhookFunction, api.schedulerFunction];
  for (const fn of functions) {
    const logicalId = Stack.of(fn).getLogicalId(fn.fn.node.defaultChild as CfnFunction);
    const assetPath = synth.api.toJSON().Resources[logicalId].Metadata['aws:asset:path'] as string;
    bundles.set(fn.entry, join(synth.outdir, assetPath, 'index.mjs'));
  }
  // No node_modules beside the bundles (the assembly is under the system's temporary folder): each must run alone.
});
afterAll(() => synth.cleanUp());

describe('Function bundles (as deployed)', () => {
  // A bundle over its budget is held at its ratchet instead (budgets.ts says why; README says what closes the gap).
  it.each(Object.keys(BUNDLE_BUDGETS_KB))('%s stays within its budget, or while over it, within its ratchet', (entry) => {
    const sizeKb = statSync(bundleOf(entry)).size / 1024;
    const budgetKb = BUNDLE_BUDGETS_KB[entry]!;
    const ceilingKb = bundleCeilingKb(entry);
    console.info(`${entry}: ${sizeKb.toFixed(0)} KB minified (budget ${budgetKb} KB${ceilingKb > budgetKb ? `, ratchet ${ceilingKb} KB` : ''})`);
    expect(sizeKb, `${entry} is ${sizeKb.toFixed(0)} KB, its ceiling ${ceilingKb} KB`).toBeLessThanOrEqual(ceilingKb);
  });

  it.each(Object.keys(BUNDLE_RATCHETS_KB))('%s still needs its ratchet: it is over its budget', (entry) => {
    const sizeKb = statSync(bundleOf(entry)).size / 1024;
    expect(sizeKb, `${entry} (${sizeKb.toFixed(0)} KB) is within its budget now: delete its ratchet in budgets.ts`).toBeGreaterThan(BUNDLE_BUDGETS_KB[entry]!);
  });

  it('carry only what each function uses: the webhook and the scheduler have no token verifier, S3, exports or OpenAPI', () => {
    for (const entry of [WEBHOOK_ENTRY, SCHEDULER_ENTRY]) {
      const unused = sourcesOf(entry).filter((source) =>
        /node_modules\/(jose|@asteasolutions\/zod-to-openapi|@hono\/zod-openapi|csv-stringify|@aws-sdk\/(client-s3|s3-[a-z-]+|client-cognito-[a-z-]+))\/|shared\/(auth|storage)\/|functions\/api\/(production-deps|app|routes)/.test(
          source,
        ),
      );
      expect(unused, entry).toEqual([]);
    }
    // The api does use them.
    for (const used of ['node_modules/jose/', 'node_modules/@aws-sdk/client-s3/', 'node_modules/@asteasolutions/zod-to-openapi/']) {
      expect(sourcesOf(API_ENTRY).some((source) => source.includes(used)), used).toBe(true);
    }
  });

  it('are each one self-contained ESM file that starts with the require banner, with a source map, the AWS SDK inside', () => {
    expect([...bundles.keys()].sort()).toEqual(Object.keys(BUNDLE_BUDGETS_KB).sort());
    for (const [entry, file] of bundles) {
      const code = readFileSync(file, 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER), entry).toBe(true);
      expect(existsSync(`${file}.map`), entry).toBe(true);
      // No import of an SDK package left for the runtime to provide (its error messages do mention `require("@aws-sdk/…")`).
      expect(code.match(/(from\s*|import\()["'](@aws-sdk|@smithy)\/[^"']+/g) ?? [], entry).toEqual([]);
      expect(sourcesOf(entry).some((source) => source.includes('node_modules/@aws-sdk/client-dynamodb/')), entry).toBe(true);
    }
  });

  it("carries zod's English messages and no other locale", () => {
    const code = readFileSync(bundleOf(API_ENTRY), 'utf8');
    expect(code).toContain('Invalid input');
    expect(code).not.toContain('erwartet'); // zod's German messages ("… erwartet …"), one of its ~50 locales
  });

  it('api: loads in plain Node and answers through the Lambda handler: GET /api/health, and a 400 that says what is wrong', () => {
    // Prepare: the environment functions/api/production-deps.ts validates, and HTTP API (payload 2.0) events.
    const env = {
      ...FUNCTION_ENV,
      MEDIA_BUCKET: 'village-link-test-media',
      EXPORTS_BUCKET: 'village-link-test-exports',
      MEDIA_BASE_URL: 'https://d111111abcdef8.cloudfront.net/media',
      USER_POOL_ID: 'ap-southeast-1_example',
      USER_POOL_CLIENT_ID: 'exampleclientid',
      BUNDLE_URL: pathToFileURL(bundleOf(API_ENTRY)).href,
    };

    // Act
    const [health, invalid] = invokeBundle(env, [httpGet('/api/health', ''), httpGet('/api/products', 'limit=0')]);

    // Assess
    expect(health!.statusCode).toBe(200);
    expect(JSON.parse(health!.body)).toMatchObject({ status: 'ok' });
    expect(invalid!.statusCode).toBe(400);
    expect(JSON.parse(invalid!.body)).toMatchObject({
      error: { code: 'invalid_request', field: 'limit', message: expect.stringMatching(/^limit Too small: expected number to be >=1$/) },
    });
  });

  it('webhook: loads with only the table and Stripe configured, and refuses an unsigned event naming Stripe-Signature', () => {
    // Prepare: exactly what the ApiStack tells the webhook (the keys given directly instead of the secret's ARN).
    const env = { ...FUNCTION_ENV, BUNDLE_URL: pathToFileURL(bundleOf(WEBHOOK_ENTRY)).href };
    const events = [
      httpRequest('POST', '/api/webhooks/stripe', '', { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, '{"id":"evt_1"}'),
      httpRequest('GET', '/api/products', ''),
    ];

    // Act
    const [unsigned, elsewhere] = invokeBundle(env, events);

    // Assess
    expect(unsigned!.statusCode).toBe(400);
    expect(JSON.parse(unsigned!.body)).toMatchObject({ error: { code: 'validation_failed', field: 'Stripe-Signature' } });
    expect(elsewhere!.statusCode).toBe(404);
  });

  it('scheduler: loads with only the table and Stripe configured', () => {
    const script = `const { handler } = await import(process.env.BUNDLE_URL); process.stdout.write(typeof handler);`;
    const env = { ...FUNCTION_ENV, BUNDLE_URL: pathToFileURL(bundleOf(SCHEDULER_ENTRY)).href };
    expect(execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { env, encoding: 'utf8' })).toBe('function');
  });
});

/** What the ApiStack tells the webhook and the scheduler, with the Stripe keys given directly (no secret to read). */
const FUNCTION_ENV = {
  PATH: process.env.PATH,
  AWS_REGION: 'ap-southeast-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TABLE_NAME: 'village-link-test',
  STRIPE_SECRET_KEY: 'sk_test_bundle',
  STRIPE_WEBHOOK_SECRET: 'whsec_bundle',
};

/** Imports a bundle in a separate Node process, as Lambda would (no vitest transform in between), and hands it each event. */
function invokeBundle(env: Record<string, string | undefined>, events: unknown[]): { statusCode: number; body: string }[] {
  const script = `const { handler } = await import(process.env.BUNDLE_URL);
      const responses = [];
      for (const event of ${JSON.stringify(events)}) responses.push(await handler(event, {}));
      process.stdout.write(JSON.stringify(responses));`;
  return JSON.parse(execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { env, encoding: 'utf8' }));
}

function httpGet(path: string, query: string) {
  return httpRequest('GET', path, query);
}

function httpRequest(method: string, path: string, query: string, headers: Record<string, string> = {}, body?: string) {
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'example.execute-api.ap-southeast-1.amazonaws.com', accept: 'application/json', ...headers },
    ...(query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(query)) } : {}),
    ...(body === undefined ? {} : { body }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'example',
      domainName: 'example.execute-api.ap-southeast-1.amazonaws.com',
      domainPrefix: 'example',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '21/Nov/2026:00:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
    },
    isBase64Encoded: false,
  };
}

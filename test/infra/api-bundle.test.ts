import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS_KB } from '../../infra/bundling/budgets.js';
import { ESM_REQUIRE_BANNER, REPO_ROOT, type VillageFunction } from '../../infra/constructs/village-function.js';
import { CLOUDFRONT_STAGE, synthesize, type Synthesized } from './synth.js';

let synth: Synthesized;
/** index.mjs of each function with a budget, by handler entry. */
const bundles = new Map<string, string>();
const bundleOf = (entry: string) => bundles.get(entry)!;
const API_ENTRY = 'functions/api/handler.ts';

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
  // The bundles import the AWS SDK, which Lambda's runtime provides; here the project's own copy stands in.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(synth.outdir, 'node_modules'), 'dir');
});
afterAll(() => synth.cleanUp());

describe('Function bundles (as deployed)', () => {
  it.each(Object.entries(BUNDLE_BUDGETS_KB))('%s stays within its budget of %i KB minified', (entry, budgetKb) => {
    const { size } = statSync(bundleOf(entry));
    console.info(`${entry}: ${(size / 1024).toFixed(0)} KB minified (budget ${budgetKb} KB)`);
    expect(size, `${entry} is ${(size / 1024).toFixed(0)} KB`).toBeLessThanOrEqual(budgetKb * 1024);
  });

  it('are each one ESM file that starts with the require banner, with a source map, taking the AWS SDK from the runtime', () => {
    expect([...bundles.keys()].sort()).toEqual(Object.keys(BUNDLE_BUDGETS_KB).sort());
    for (const [entry, file] of bundles) {
      const code = readFileSync(file, 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER), entry).toBe(true);
      expect(existsSync(`${file}.map`), entry).toBe(true);
      expect(code, entry).toMatch(/from\s*["']@aws-sdk\/client-dynamodb["']/);
    }
  });

  it("carries zod's English messages and no other locale", () => {
    const code = readFileSync(bundleOf(API_ENTRY), 'utf8');
    expect(code).toContain('Invalid input');
    expect(code).not.toContain('erwartet'); // zod's German messages ("… erwartet …"), one of its ~50 locales
  });

  it('loads in plain Node and answers through the Lambda handler: GET /api/health, and a 400 that says what is wrong', () => {
    // Prepare: the environment production-deps.ts validates, and HTTP API (payload 2.0) events.
    const env = {
      PATH: process.env.PATH,
      AWS_REGION: 'ap-southeast-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: 'village-link-test',
      MEDIA_BUCKET: 'village-link-test-media',
      MEDIA_BASE_URL: 'https://d111111abcdef8.cloudfront.net/media',
      USER_POOL_ID: 'ap-southeast-1_example',
      USER_POOL_CLIENT_ID: 'exampleclientid',
      STRIPE_SECRET_KEY: 'sk_test_bundle',
      STRIPE_WEBHOOK_SECRET: 'whsec_bundle',
      BUNDLE_URL: pathToFileURL(bundleOf(API_ENTRY)).href,
    };
    const events = [httpGet('/api/health', ''), httpGet('/api/products', 'limit=0')];
    const script = `const { handler } = await import(process.env.BUNDLE_URL);
      const responses = [];
      for (const event of ${JSON.stringify(events)}) responses.push(await handler(event, {}));
      process.stdout.write(JSON.stringify(responses));`;

    // Act: a separate Node process, as Lambda would load it (no vitest transform in between).
    const output = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], { env, encoding: 'utf8' });

    // Assess
    const [health, invalid] = JSON.parse(output) as { statusCode: number; body: string }[];
    expect(health!.statusCode).toBe(200);
    expect(JSON.parse(health!.body)).toMatchObject({ status: 'ok' });
    expect(invalid!.statusCode).toBe(400);
    expect(JSON.parse(invalid!.body)).toMatchObject({
      error: { code: 'invalid_request', field: 'limit', message: expect.stringMatching(/^limit Too small: expected number to be >=1$/) },
    });
  });
});

function httpGet(path: string, query: string) {
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'example.execute-api.ap-southeast-1.amazonaws.com', accept: 'application/json' },
    ...(query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(query)) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'example',
      domainName: 'example.execute-api.ap-southeast-1.amazonaws.com',
      domainPrefix: 'example',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '21/Nov/2026:00:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
    },
    isBase64Encoded: false,
  };
}

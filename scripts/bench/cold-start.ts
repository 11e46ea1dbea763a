/**
 * Cold start of the deployed functions, approximated on this machine: each handler is bundled exactly as
 * NodejsFunction bundles it (HOUSE_BUNDLING), then, N times per handler, a fresh `node` process imports the
 * bundle (module initialisation: environment parsing, SDK clients, the Hono app) and handles one realistic
 * event against DynamoDB Local. Production deps talk to "real AWS": AWS_ENDPOINT_URL_DYNAMODB (the SDK's
 * service-specific endpoint variable) points their DynamoDB client at DynamoDB Local instead.
 *
 * Each handler is also bundled the other way round as to the AWS SDK (bundled when HOUSE_BUNDLING leaves it to
 * the runtime, and the reverse), and the two are run alternately, run by run, so that whatever else loads the
 * machine weighs on both alike: that comparison is what HOUSE_BUNDLING's choice was made on (AWS_SDK_MODULES). An SDK left
 * out of the bundle is resolved from the project's node_modules (its CommonJS build, as Lambda's runtime has
 * it), linked beside the bundles, so its load time is counted as it is in Lambda.
 *
 * Not measured: Lambda's own start-up (fetching the code, starting the runtime), the arm64 CPU share of a
 * 1024 MB function, and network latency to DynamoDB. The figures compare bundles and catch regressions.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import Stripe from 'stripe';
import { BUNDLE_BUDGETS_KB, BUNDLE_RATCHETS_KB, bundleCeilingKb } from '../../infra/bundling/budgets.js';
import { AWS_SDK_MODULES, HOUSE_BUNDLING, esbuildOptionsOf } from '../../infra/constructs/village-function.js';
import { ensureTable } from '../../shared/db/create-table.js';
import { ephemeralDevIssuer } from '../local/dev-issuer.js';
import { findFreePort, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { localDeps } from '../local/local-deps.js';
import { seedDemoData } from '../local/seed.js';
import { ms, percentile, root } from './support.js';

const TABLE_NAME = 'village-link-cold-start';
const WEBHOOK_SECRET = 'whsec_test';
const REGION = 'ap-southeast-1';

const HANDLERS = [
  { name: 'api', entry: 'functions/api/handler.ts' },
  { name: 'stripe-webhook', entry: 'functions/stripe-webhook/handler.ts' },
  { name: 'scheduler', entry: 'functions/scheduler/handler.ts' },
] as const;
type HandlerName = (typeof HANDLERS)[number]['name'];

const sdkExternal = HOUSE_BUNDLING.externalModules.length > 0;
/** The deployed bundling first, then the same with the AWS SDK the other way round (inside or left to the runtime). */
const VARIANTS = [
  { name: 'deployed', sdk: sdkExternal ? 'from the runtime' : 'bundled', bundling: HOUSE_BUNDLING },
  {
    name: 'alternative',
    sdk: sdkExternal ? 'bundled' : 'from the runtime',
    bundling: { ...HOUSE_BUNDLING, externalModules: sdkExternal ? [] : [...AWS_SDK_MODULES] },
  },
] as const;
type VariantName = (typeof VARIANTS)[number]['name'];

/** Bundles one handler with HOUSE_BUNDLING's esbuild options (the very mapping NodejsFunction applies), or a variant's. */
async function bundle(entry: string, outdir: string, bundling: typeof HOUSE_BUNDLING): Promise<string> {
  const outfile = join(outdir, 'index.mjs');
  await build({ ...esbuildOptionsOf(bundling), entryPoints: [join(root, entry)], outfile, logLevel: 'warning' });
  return outfile;
}

/** Runs in the child: times the import and the first invocation, prints one JSON line. */
const DRIVER = `const t0 = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE_URL);
const t1 = performance.now();
const event = JSON.parse(process.env.BENCH_EVENT);
let response, error;
try { response = await handler(event, { awsRequestId: 'cold-start', getRemainingTimeInMillis: () => 10000 }); }
catch (e) { error = String(e && e.stack || e); }
const t2 = performance.now();
process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ processToImportMs: t0, initMs: t1 - t0, firstResponseMs: t2 - t1, sinceProcessStartMs: t2, response, error }) + '\\n');
`;

interface RunResult {
  processToImportMs: number;
  initMs: number;
  firstResponseMs: number;
  sinceProcessStartMs: number;
  response?: { statusCode?: number; body?: string } & Record<string, unknown>;
  error?: string;
}

function httpEvent(method: string, path: string, query: string, headers: Record<string, string>, body?: string) {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: { host: 'example.cloudfront.net', 'user-agent': 'village-link-bench', 'x-forwarded-proto': 'https', ...headers },
    ...(query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(query)) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      domainName: 'example.cloudfront.net',
      domainPrefix: 'example',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'village-link-bench' },
      requestId: `req-${now.getTime()}`,
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

const stripe = new Stripe('sk_test_x');

/** A fresh event per run: the webhook signature carries a timestamp, and event ids are applied once. */
function eventFor(name: HandlerName, run: number): unknown {
  switch (name) {
    case 'api':
      return httpEvent('GET', '/api/products', 'limit=20', { accept: 'application/json' });
    case 'stripe-webhook': {
      const created = Math.floor(Date.now() / 1000);
      const payload = JSON.stringify({
        id: `evt_bench_${created}_${run}`,
        object: 'event',
        api_version: '2025-01-27.acacia',
        created,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: 'payment_intent.succeeded',
        data: {
          object: {
            id: `pi_bench_${run}`,
            object: 'payment_intent',
            amount: 1280,
            amount_received: 1280,
            amount_capturable: 0,
            currency: 'cny',
            metadata: { orderId: `01BENCHUNKNOWNORDER${String(run).padStart(7, '0')}` },
            payment_method_types: ['card'],
            status: 'succeeded',
          },
        },
      });
      const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      return httpEvent('POST', '/api/webhooks/stripe', '', { 'content-type': 'application/json', 'stripe-signature': signature }, payload);
    }
    case 'scheduler':
      // What EventBridge Scheduler's Lambda target sends when no input is configured.
      return {};
  }
}

function runOnce(driver: string, bundleFile: string, env: Record<string, string>, event: unknown): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [driver], {
      env: { ...env, BENCH_BUNDLE_URL: pathToFileURL(bundleFile).href, BENCH_EVENT: JSON.stringify(event) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('@@RESULT@@'));
      if (!line) return reject(new Error(`driver exited (${code ?? signal}) without a result: ${err.trim().split('\n').slice(-5).join(' | ')}`));
      resolve(JSON.parse(line.slice('@@RESULT@@'.length)) as RunResult);
    });
  });
}

/** Why a first response is not a success, or undefined when it is one. */
function failureOf(name: HandlerName, result: RunResult): string | undefined {
  if (result.error) return result.error.split('\n')[0];
  if (name === 'scheduler') return result.response && typeof result.response === 'object' ? undefined : 'no result';
  const status = result.response?.statusCode;
  if (status !== 200) return `status ${status}: ${String(result.response?.body).slice(0, 200)}`;
  const body = JSON.parse(result.response?.body ?? '{}') as { items?: unknown[]; outcome?: string };
  if (name === 'api' && !(body.items && body.items.length > 0)) return 'no products listed (is the table reached?)';
  if (name === 'stripe-webhook' && body.outcome !== 'ignored') return `outcome ${body.outcome}, expected ignored`;
  return undefined;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** One bundle's size against its budget and its ratchet (infra/bundling/budgets.ts), as a verdict. */
function sizeVerdict(entry: string, sizeKb: number): string {
  const budgetKb = BUNDLE_BUDGETS_KB[entry];
  if (budgetKb === undefined) return '–';
  if (sizeKb <= budgetKb) return BUNDLE_RATCHETS_KB[entry] ? 'within budget (delete its ratchet)' : 'within budget';
  const overBudget = `**over budget** by ${(sizeKb - budgetKb).toFixed(0)} KB`;
  const ceilingKb = bundleCeilingKb(entry);
  return sizeKb <= ceilingKb ? `${overBudget}; within its ratchet` : `${overBudget}; **over its ratchet** by ${(sizeKb - ceilingKb).toFixed(0)} KB`;
}

/** Bundle sizes and cold-start medians as markdown lines (two tables and any failures). */
export async function benchColdStart(runs = Number(process.env.BENCH_COLD_START_RUNS ?? 20)): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'village-link-cold-start-'));
  const dynamo = await startDynamoDbLocal({ port: await findFreePort() });
  try {
    const bundles = new Map<`${VariantName}/${HandlerName}`, string>();
    for (const variant of VARIANTS) {
      for (const { name, entry } of HANDLERS) bundles.set(`${variant.name}/${name}`, await bundle(entry, join(dir, variant.name, name), variant.bundling));
    }
    // What Lambda's runtime provides (the AWS SDK), resolved the way a bundle's imports are: up from its folder.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const driver = join(dir, 'driver.mjs');
    writeFileSync(driver, DRIVER);

    // The table and the demo data (villages, products, group buys), put in through the use cases.
    await ensureTable(
      new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
      TABLE_NAME,
    );
    const { deps, db } = localDeps({ tableName: TABLE_NAME, dynamoEndpoint: dynamo.endpoint, s3Endpoint: 'http://127.0.0.1:9', issuer: await ephemeralDevIssuer() });
    const seeded = await seedDemoData(deps, db);

    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: '--enable-source-maps', // as the deployed functions run (village-function.ts)
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: REGION,
      TABLE_NAME,
      MEDIA_BUCKET: 'village-link-bench-media',
      EXPORTS_BUCKET: 'village-link-bench-exports',
      MEDIA_BASE_URL: 'https://example.cloudfront.net/media',
      USER_POOL_ID: `${REGION}_test`,
      USER_POOL_CLIENT_ID: 'test',
      STRIPE_SECRET_KEY: 'sk_test_x',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };

    const sizeLines: string[] = [];
    const timeLines: string[] = [];
    const comparison: string[] = [];
    const failures: string[] = [];
    for (const { name, entry } of HANDLERS) {
      const deployed = bundles.get(`deployed/${name}`)!;
      const sizeKb = statSync(deployed).size / 1024;
      const ratchetKb = BUNDLE_RATCHETS_KB[entry];
      sizeLines.push(
        `| ${name} | ${sizeKb.toFixed(0)} KB | ${BUNDLE_BUDGETS_KB[entry] ?? '–'} KB | ${ratchetKb ? `${ratchetKb} KB` : '–'} | ${sizeVerdict(entry, sizeKb)} | ` +
          `${kb(statSync(bundles.get(`alternative/${name}`)!).size)} | ${kb(statSync(`${deployed}.map`).size)} |`,
      );
      // Alternately, run by run, so that a change in the machine's load weighs on both variants alike.
      const results = new Map<VariantName, RunResult[]>(VARIANTS.map((v) => [v.name, []]));
      for (let i = 0; i < runs; i++) {
        for (const variant of VARIANTS) {
          try {
            const result = await runOnce(driver, bundles.get(`${variant.name}/${name}`)!, env, eventFor(name, i * VARIANTS.length + VARIANTS.indexOf(variant)));
            results.get(variant.name)!.push(result);
            const failure = failureOf(name, result);
            if (failure) failures.push(`${name} (${variant.name}) run ${i + 1}: ${failure}`);
          } catch (error) {
            failures.push(`${name} (${variant.name}) run ${i + 1}: ${(error as Error).message}`);
          }
        }
      }
      const initP50 = new Map<VariantName, number>();
      for (const variant of VARIANTS) {
        const ran = results.get(variant.name)!;
        const init = ran.map((r) => r.initMs);
        const first = ran.map((r) => r.firstResponseMs);
        const total = ran.map((r) => r.sinceProcessStartMs);
        const ok = ran.filter((r) => !failureOf(name, r)).length;
        initP50.set(variant.name, median(init));
        timeLines.push(
          `| ${name} | ${variant.sdk}${variant.name === 'deployed' ? ' (deployed)' : ''} | ${ms(median(init))} | ${ms(percentile(init, 90))} | ${ms(Math.min(...init))} | ` +
            `${ms(median(first))} | ${ms(median(total))} | ${ok}/${runs} |`,
        );
      }
      comparison.push(`${name} ${(initP50.get('deployed')! / initP50.get('alternative')!).toFixed(2)}×`);
    }
    return [
      `Bundled with HOUSE_BUNDLING (esbuild ESM, minified, node22 target, zod with English messages only, AWS SDK ${VARIANTS[0].sdk}), ` +
        `and again with the AWS SDK ${VARIANTS[1].sdk}, the two run alternately; run on node ${process.version} against DynamoDB Local ` +
        `(${seeded.products} products seeded), reached through AWS_ENDPOINT_URL_DYNAMODB. Init = \`await import(bundle)\`; ` +
        'first response = the first handler call (api: GET /api/products?limit=20; webhook: signed payment_intent.succeeded for an unknown order; scheduler: `{}`); ' +
        'total = from process start (Node bootstrap included) to the first response.',
      '',
      `| bundle | minified | budget | ratchet | | with the SDK ${VARIANTS[1].sdk} | source map |`,
      '|---|---|---|---|---|---|---|',
      ...sizeLines,
      '',
      '| handler | AWS SDK | init p50 | init p90 | init min | first response p50 | total p50 | ok (200; scheduler: no error) |',
      '|---|---|---|---|---|---|---|---|',
      ...timeLines,
      '',
      `Init p50, deployed bundling (SDK ${VARIANTS[0].sdk}) over the SDK ${VARIANTS[1].sdk}: ${comparison.join(', ')}.`,
      ...(failures.length ? ['', '**Failed first responses:**', ...failures.slice(0, 20).map((f) => `- ${f}`)] : []),
    ];
  } finally {
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx scripts/bench/cold-start.ts` runs this section alone (`npm run bench` runs it with the others).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const runs = Number(process.env.BENCH_COLD_START_RUNS ?? 20);
  console.log(`## Cold start (bundled handlers, fresh Node process, median of ${runs})\n${(await benchColdStart(runs)).join('\n')}`);
}

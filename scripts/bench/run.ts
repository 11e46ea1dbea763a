/**
 * `npm run bench`: figures for the closing notes, from one run on this machine (medians; machines are noisy).
 * 1. Local stack start-up: `npm start` to the first answer, on fresh data (seeding included) and on a restart.
 * 2. API latency through the local server on DynamoDB Local: the main reads and writes, sequential requests.
 * 3. Web: the compressed JavaScript each page loads on first visit, against its budget (web-sizes.ts).
 * 4. Flash sale: thousands of concurrent joins on one group buy over HTTP, beside bare conditional updates (flash-sale.ts).
 * 5. DynamoDB requests per operation: place order, join, webhook, close (request-counts.ts).
 * 6. Cold start: bundle sizes, and each bundled handler imported and invoked once in a fresh Node process (cold-start.ts).
 * 7. Dashboard reads with 1,000 and 1,000,000 sales in the ledger: requests and consumed capacity (ledger-size.ts;
 *    BENCH_LEDGER_SIZES=1000,20000 for a quick run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchColdStart } from './cold-start.js';
import { benchFlashSale } from './flash-sale.js';
import { benchLedgerSize, ledgerSizesFromEnv } from './ledger-size.js';
import { benchRequestCounts } from './request-counts.js';
import { ms, percentile, startBenchStack, stopBenchStack, type BenchStack } from './support.js';
import { webSizeLines } from './web-sizes.js';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Starts the local stack and times it to its first answer. */
async function startStack(dataDir: string): Promise<BenchStack & { secondsToFirstAnswer: number }> {
  const started = performance.now();
  const stack = await startBenchStack(dataDir);
  return { ...stack, secondsToFirstAnswer: (performance.now() - started) / 1000 };
}

async function benchStartup(runs: number) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'village-link-bench-'));
    const first = await startStack(dataDir);
    cold.push(first.secondsToFirstAnswer);
    await stopBenchStack(first);
    const again = await startStack(dataDir);
    warm.push(again.secondsToFirstAnswer);
    await stopBenchStack(again);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { cold, warm };
}

async function timeRequests(count: number, request: (i: number) => Promise<Response>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await request(i);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`benchmark request failed with ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

async function benchApi(count: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'village-link-bench-'));
  const stack = await startStack(dataDir);
  try {
    const { url } = stack;
    const get = (path: string) => () => fetch(`${url}${path}`);
    const accounts = ((await (await fetch(`${url}/api/dev/accounts`)).json()) as { items: { accountId: string; role: string; villageId?: string }[] }).items;
    const coop = accounts.find((a) => a.role === 'coop')!;
    const { token } = (await (
      await fetch(`${url}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId: coop.accountId }) })
    ).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const lizhou = encodeURIComponent('利州区');
    const someProduct = ((await (await fetch(`${url}/api/products?villageId=${coop.villageId}&limit=1`)).json()) as { items: { productId: string }[] }).items[0]!;
    const cases: [string, (i: number) => Promise<Response>][] = [
      ['GET /api/products (newest, 20)', get('/api/products')],
      ['GET /api/products?sort=cheapest', get('/api/products?sort=cheapest')],
      ['GET /api/products?inSeason=true', get('/api/products?inSeason=true')],
      [`GET /api/products?county=利州区&category=fungi`, get(`/api/products?county=${lizhou}&category=fungi`)],
      ['GET /api/villages (20)', get('/api/villages')],
      ['GET /api/products/{id}', get(`/api/products/${someProduct.productId}`)],
      [
        'POST /api/villages/{id}/products',
        (i) =>
          fetch(`${url}/api/villages/${coop.villageId}/products`, {
            method: 'POST',
            headers: { ...auth, 'idempotency-key': `bench-${Date.now()}-${i}` },
            body: JSON.stringify({ name: `压测商品${i}`, category: 'other', unit: '份', priceFen: 100 + i, stock: 10 }),
          }),
      ],
      [
        'PATCH /api/products/{id} (price)',
        (i) => fetch(`${url}/api/products/${someProduct.productId}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ priceFen: 1_000 + i }) }),
      ],
    ];
    const rows: string[] = [];
    for (const [name, request] of cases) {
      await timeRequests(10, request); // warm-up
      const times = await timeRequests(count, request);
      rows.push(`| ${name} | ${ms(median(times))} | ${ms(percentile(times, 95))} | ${count} |`);
    }
    return rows;
  } finally {
    await stopBenchStack(stack);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
console.log(`Village Link benchmarks — ${new Date().toISOString()}, node ${process.version}\n`);
const startup = await benchStartup(runs);
console.log(`## npm start → first answer (${runs} runs each, median)`);
console.log(`| data | median | runs |\n|---|---|---|`);
console.log(`| fresh .data (creates table, seeds demo data) | ${median(startup.cold).toFixed(2)} s | ${startup.cold.map((s) => s.toFixed(2)).join(', ')} |`);
console.log(`| existing .data (restart) | ${median(startup.warm).toFixed(2)} s | ${startup.warm.map((s) => s.toFixed(2)).join(', ')} |`);
console.log(`\n## API latency, local server on DynamoDB Local (sequential)`);
console.log(`| request | p50 | p95 | n |\n|---|---|---|---|`);
for (const row of await benchApi(requests)) console.log(row);
console.log(`\n## Web: JavaScript loaded on first visit, per page (gzip -9; build graph from web/dist, see web-sizes.ts)`);
for (const line of webSizeLines()) console.log(line);

const flashSale = await benchFlashSale({
  requests: Number(process.env.BENCH_FLASH_REQUESTS ?? 5000),
  concurrency: Number(process.env.BENCH_FLASH_CONCURRENCY ?? 200),
  ...(process.env.BENCH_DATA_ROOT ? { dataRoot: process.env.BENCH_DATA_ROOT } : {}),
});
console.log(`\n${flashSale.lines.join('\n')}`);
const requestCounts = await benchRequestCounts();
console.log(`\n${requestCounts.lines.join('\n')}`);
const coldStart = await benchColdStart();
console.log(`\n## Cold start (bundled handlers, fresh Node process, median of 20)\n${coldStart.join('\n')}`);
const ledgerSize = await benchLedgerSize({ sizes: ledgerSizesFromEnv(), ...(process.env.BENCH_DATA_ROOT ? { dataRoot: process.env.BENCH_DATA_ROOT } : {}), log: (line) => console.error(line) });
console.log(`\n${ledgerSize.lines.join('\n')}`);
const problems = [...flashSale.problems, ...requestCounts.problems, ...ledgerSize.problems];
if (problems.length) {
  console.log(`\n**Problems found:**\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exitCode = 1;
}

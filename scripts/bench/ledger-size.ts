/**
 * Dashboard reads against the size of the ledger: the village report, the monthly rankings and an organisation's
 * report, through the API as the app serves them, with 1,000 sales in the ledger and again with 1,000,000. Each
 * read's DynamoDB requests are counted and its consumed capacity summed (ReturnConsumedCapacity TOTAL, put on
 * every command by a middleware on the document client); they should not grow with the ledger, because reports
 * read only the monthly sums (G1/G2), whose number depends on villages × months, not on sales.
 *
 * The sales go in through the bulk import (shared/db/ledger-import.ts, BatchWriteItem as against AWS) on a
 * DynamoDB Local of their own, in memory: on disk it commits every item of a batch on its own and loads about
 * 100 sales a second, ten times slower (a million sales with two indexes take a few GB of RAM instead). Every size
 * covers the same villages, organisations and months, so the sums are the same items at every size: only their
 * counters grow. `BENCH_LEDGER_SIZES=1000,20000` shrinks the run (default 1,000, 20,000 and 1,000,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApp } from '../../functions/api/app.js';
import { ensureTable } from '../../shared/db/create-table.js';
import { importSales } from '../../shared/db/ledger-import.js';
import { demoOrganizations, demoVillages } from '../../shared/demo/demo-data.js';
import type { Actor } from '../../shared/domain/actor.js';
import { ProductInput } from '../../shared/domain/product.js';
import type { Sale, SaleChannel } from '../../shared/domain/sale.js';
import { createOrganization } from '../../shared/domain/use-cases/organizations.js';
import { createVillage, setVillageTargets } from '../../shared/domain/use-cases/villages.js';
import { ulidIds } from '../../shared/runtime/ids.js';
import { ephemeralDevIssuer } from '../local/dev-issuer.js';
import { findFreePort, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { localDeps } from '../local/local-deps.js';

/** The reads' year and the ranking month; the clock stands on 22 November of it, like the demo. */
const YEAR = 2026;
const NOW = new Date(`${YEAR}-11-22T02:00:00.000Z`);
/** Sales fall in the 23 months the reports read: January of last year to this month. */
const MONTHS = Array.from({ length: 23 }, (_, i) => `${YEAR - 1 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const CHANNELS: SaleChannel[] = ['order', 'group_buy', 'buyback', 'offline'];
const REPEATS = 5;

interface Capacity {
  requests: number;
  readUnits: number;
}

export interface LedgerSizeReport {
  lines: string[];
  problems: string[];
}

/** Command names whose input takes ReturnConsumedCapacity. */
const CAPACITY_COMMANDS = new Set(['GetCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'TransactGetCommand']);

interface ConsumedCapacityShape {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
}

const unitsOf = (consumed: ConsumedCapacityShape | ConsumedCapacityShape[] | undefined) =>
  (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, c) => sum + (c.ReadCapacityUnits ?? c.CapacityUnits ?? 0), 0);

/** `count` synthetic sales from `start`: round-robin over villages, months and each village's paired organisations. */
function* syntheticSales(start: number, count: number, villages: { villageId: string; products: { productId: string; category: Sale['category'] }[]; organizations: string[] }[]): Generator<Sale> {
  for (let i = start; i < start + count; i++) {
    // 22 villages and 23 months are coprime: the first 506 sales already touch every village-month.
    const village = villages[i % villages.length]!;
    const month = MONTHS[i % MONTHS.length]!;
    const product = village.products[Math.floor(i / 7) % village.products.length]!;
    const organizationId = i % 3 === 0 ? undefined : village.organizations[Math.floor(i / 11) % village.organizations.length];
    const amountFen = 1_000 + ((i * 7_919) % 50_000);
    yield {
      source: `bench:${i}`,
      villageId: village.villageId,
      productId: product.productId,
      category: product.category,
      channel: CHANNELS[i % CHANNELS.length]!,
      ...(organizationId ? { organizationId } : {}),
      quantity: 1 + (i % 9),
      amountFen,
      farmerShareBps: i % 5 === 0 ? 9_000 : 10_000,
      // 12:00 Beijing time on the 1st to the 28th: the sale stays in its month.
      occurredAt: `${month}-${String(1 + (i % 28)).padStart(2, '0')}T04:00:00.000Z`,
    };
  }
}

/** Loads the ledger to each size in turn and measures the dashboard reads at each. */
export async function benchLedgerSize(options: { sizes: number[]; dataRoot?: string; log?: (line: string) => void }): Promise<LedgerSizeReport> {
  const log = options.log ?? (() => undefined);
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const dataDir = mkdtempSync(join(options.dataRoot ?? tmpdir(), 'village-link-ledger-size-'));
  const dynamo = await startDynamoDbLocal({ port: await findFreePort(), logFile: join(dataDir, 'dynamodb-local.log') });
  try {
    const tableName = 'village-link-ledger-size';
    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(admin, tableName);
    admin.destroy();
    const issuer = await ephemeralDevIssuer();
    const clock = { now: () => new Date(NOW) };
    const { deps, db } = localDeps({ tableName, dynamoEndpoint: dynamo.endpoint, s3Endpoint: 'http://127.0.0.1:1', issuer, clock });
    const app = createApp(deps);

    // The directory the reports read besides the sums: the demo's villages (with targets) and organisations.
    const ids = ulidIds();
    const organizer: Actor = { role: 'organizer', accountId: ids.next('account'), displayName: '基准测试' };
    const organizationIds = new Map<string, string>();
    for (const demo of demoOrganizations) organizationIds.set(demo.ref, (await createOrganization(deps, organizer, demo.input)).organizationId);
    const villages = [];
    for (const demo of demoVillages) {
      const village = await createVillage(deps, organizer, demo.input);
      await setVillageTargets(deps, organizer, { villageId: village.villageId, year: YEAR, targets: demo.targets });
      villages.push({
        villageId: village.villageId,
        products: demo.products.map((p) => ({ productId: ids.next('product'), category: ProductInput.parse(p.input).category })),
        organizations: demoOrganizations.filter((o) => o.pairedVillageRefs.includes(demo.ref)).map((o) => organizationIds.get(o.ref)!),
      });
    }
    const village = villages[0]!;
    const organizationId = organizationIds.get('chengdu-poultry-association')!;
    const token = await issuer.issue({ accountId: organizer.accountId, role: 'organizer', displayName: organizer.displayName });
    const reads: [string, string][] = [
      ['village report', `/api/reports/villages/${village.villageId}?year=${YEAR}`],
      ['rankings', `/api/reports/rankings?year=${YEAR}&month=10`],
      ['organisation report', `/api/reports/organizations/${organizationId}?year=${YEAR}`],
    ];

    // Counts every command and asks each read for its consumed capacity.
    let counting: Capacity | undefined;
    db.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input: Record<string, unknown> }).input;
        if (counting && CAPACITY_COMMANDS.has(context.commandName ?? '')) input.ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        if (counting) {
          counting.requests++;
          counting.readUnits += unitsOf((result.output as { ConsumedCapacity?: ConsumedCapacityShape | ConsumedCapacityShape[] }).ConsumedCapacity);
        }
        return result;
      },
      { step: 'initialize', name: 'countCapacity' },
    );
    const measure = async (path: string): Promise<Capacity> => {
      const runs: Capacity[] = [];
      for (let i = 0; i < REPEATS; i++) {
        counting = { requests: 0, readUnits: 0 };
        const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
        const body = await response.text();
        const run = counting;
        counting = undefined;
        if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
        runs.push(run);
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      return { requests: median(runs.map((r) => r.requests)), readUnits: median(runs.map((r) => r.readUnits)) };
    };

    const results = new Map<number, Map<string, Capacity>>();
    const loads: string[] = [];
    let loaded = 0;
    for (const size of sizes) {
      const started = performance.now();
      let lastLog = started;
      const result = await importSales(db, syntheticSales(loaded, size - loaded, villages), {
        concurrency: 8,
        onProgress: (written) => {
          if (performance.now() - lastLog < 30_000) return;
          lastLog = performance.now();
          log(`  … ${(loaded + written).toLocaleString('en-US')} sales loaded (${((lastLog - started) / 1000).toFixed(0)} s)`);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      loads.push(`| ${loaded.toLocaleString('en-US')} → ${size.toLocaleString('en-US')} | ${result.sales.toLocaleString('en-US')} | ${result.aggregates} | ${result.requests.toLocaleString('en-US')} | ${seconds.toFixed(1)} s | ${Math.round(result.sales / seconds).toLocaleString('en-US')} |`);
      loaded = size;
      log(`  loaded ${size.toLocaleString('en-US')} sales in ${seconds.toFixed(1)} s`);
      const measured = new Map<string, Capacity>();
      for (const [name, path] of reads) measured.set(name, await measure(path));
      results.set(size, measured);
    }

    const [small, large] = [sizes[0]!, sizes[sizes.length - 1]!];
    const label = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1_000 && n % 1_000 === 0 ? `${n / 1_000}k` : String(n));
    const problems: string[] = [];
    const lines = [
      `## Dashboard reads against ledger size (in-process app on DynamoDB Local in memory; median of ${REPEATS}; RCU = consumed read capacity as DynamoDB Local reports it)`,
      `| read | ${sizes.map((n) => `requests @${label(n)}`).join(' | ')} | ${sizes.map((n) => `RCU @${label(n)}`).join(' | ')} | ratio @${label(large)} ÷ @${label(small)} (requests, RCU) |`,
      `|---|${sizes.map(() => '---|---|').join('')}---|`,
    ];
    for (const [name, path] of reads) {
      const at = sizes.map((n) => results.get(n)!.get(name)!);
      const [a, b] = [at[0]!, at[at.length - 1]!];
      const ratio = `${(b.requests / a.requests).toFixed(2)}, ${a.readUnits > 0 ? (b.readUnits / a.readUnits).toFixed(2) : '–'}`;
      lines.push(`| ${name} (GET ${path.replace(/\/(vil|org)_[0-9A-Z]+/, '/{id}')}) | ${at.map((c) => c.requests).join(' | ')} | ${at.map((c) => c.readUnits).join(' | ')} | ${ratio} |`);
      if (b.requests !== a.requests) problems.push(`${name}: ${a.requests} requests with ${label(small)} sales but ${b.requests} with ${label(large)}`);
      if (a.readUnits > 0 && b.readUnits > 2 * a.readUnits) problems.push(`${name}: ${a.readUnits} RCU with ${label(small)} sales but ${b.readUnits} with ${label(large)}`);
    }
    lines.push(
      '',
      'Requests are the same at every size: reports read the monthly sums (G1/G2) and the directory, never the sales. ' +
        'Capacity rises only while the sums fill in (a small ledger has not yet touched every organisation-month or ' +
        'every breakdown counter of a village-month); their number is bounded by villages × months, whatever the sales.',
    );
    lines.push('', '| load (bulk import) | sales | sum items | requests | time | sales/s |', '|---|---|---|---|---|---|', ...loads);
    return { lines, problems };
  } finally {
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `BENCH_LEDGER_SIZES` (comma-separated), default 1,000, 20,000 (by which the sums have filled in) and 1,000,000. */
export function ledgerSizesFromEnv(): number[] {
  const raw = process.env.BENCH_LEDGER_SIZES ?? '1000,20000,1000000';
  const sizes = raw.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_LEDGER_SIZES=${raw}: give at least two whole numbers, like 1000,1000000`);
  return sizes;
}

// Run on its own: `npx tsx scripts/bench/ledger-size.ts`.
if (import.meta.filename === process.argv[1]) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const report = await benchLedgerSize({ sizes: ledgerSizesFromEnv(), ...(process.env.BENCH_DATA_ROOT ? { dataRoot: process.env.BENCH_DATA_ROOT } : {}), log: (line) => console.error(line) });
  console.log(report.lines.join('\n'));
  if (report.problems.length) console.log(`\nProblems: ${report.problems.join('; ')}`);
}

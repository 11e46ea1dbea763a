/**
 * Flash sale: a group buy with maximum 500 and thousands of distinct buyers joining at once, against the local
 * stack over HTTP (loopback only). Checks that exactly the maximum is sold and every refusal is a 409 with a
 * reason, and measures joins/s beside the rate of bare conditional updates on one DynamoDB Local item.
 */
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DEFAULT_TABLE_NAME } from '../../shared/db/table-design.js';
import { persistentDevIssuer } from '../local/dev-issuer.js';
import { ulidIds } from '../../shared/runtime/ids.js';
import { ms, percentile, runBounded, startBenchStack, stopBenchStack, type BenchStack } from './support.js';

export interface FlashSaleOptions {
  /** Join requests to fire (each from a distinct buyer). */
  requests: number;
  /** Requests in flight at once, for the joins and for the bare updates alike. */
  concurrency: number;
  /** The group buy's maximum (and the bare updates' ceiling). */
  maxQuantity?: number;
  /** No new request starts after this many ms of firing; what was sent is reported. */
  timeBudgetMs?: number;
  /** Where the fresh DATA_DIR is made (os.tmpdir() unless given): /dev/shm takes the disk out of the figures. */
  dataRoot?: string;
}

interface JoinResult {
  status: number;
  ms: number;
  /** performance.now() when the answer was read. */
  at: number;
  code?: string;
  quantity?: number;
  orderId?: string;
  error?: string;
}

const REFUSAL_CODES = ['sold_out', 'closed', 'over_maximum'];
const REQUEST_TIMEOUT_MS = 60_000;

type Json = Record<string, unknown>;

async function call(stack: BenchStack, method: string, path: string, options: { token?: string; body?: unknown; idempotencyKey?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as Json };
}

async function must(stack: BenchStack, method: string, path: string, options: Parameters<typeof call>[3] = {}): Promise<Json> {
  const { status, json } = await call(stack, method, path, options);
  if (status >= 300) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(json)}`);
  return json;
}

/** Sets up the sale: a leader's group buy on a product restocked by its cooperative. */
async function openSale(stack: BenchStack, maxQuantity: number, extraStock: number) {
  const accounts = (await must(stack, 'GET', '/api/dev/accounts')).items as { accountId: string; role: string; villageId?: string }[];
  const leaderAccount = accounts.find((a) => a.role === 'leader');
  const coopAccount = accounts.find((a) => a.role === 'coop' && a.villageId);
  if (!leaderAccount || !coopAccount) throw new Error('the seed has no leader or no cooperative account');
  const signIn = async (accountId: string) => (await must(stack, 'POST', '/api/dev/sign-in', { body: { accountId } })).token as string;
  const leader = await signIn(leaderAccount.accountId);
  const coop = await signIn(coopAccount.accountId);
  const products = (await must(stack, 'GET', `/api/products?villageId=${coopAccount.villageId}&limit=1`)).items as { productId: string }[];
  const productId = products[0]?.productId;
  if (!productId) throw new Error(`village ${coopAccount.villageId} has no product on sale`);
  const product = await must(stack, 'GET', `/api/products/${productId}`);
  const needed = maxQuantity + extraStock;
  if (Number(product.stock) < needed) {
    await must(stack, 'POST', `/api/products/${productId}/stock-adjustments`, {
      token: coop,
      idempotencyKey: `bench-restock-${randomUUID()}`,
      body: { delta: needed - Number(product.stock), reason: '压测补货 (benchmark restock)' },
    });
  }
  const open = async (max: number, min: number, title: string) =>
    (await must(stack, 'POST', '/api/group-buys', {
      token: leader,
      idempotencyKey: `bench-open-${randomUUID()}`,
      body: {
        productId,
        unitPriceFen: Number(product.priceFen),
        minQuantity: min,
        maxQuantity: max,
        deadline: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
        pickupPoint: { name: '压测自提点', address: '成都市锦江区测试路1号', pickupTime: '周六 9:00–11:00' },
        title,
      },
    })).groupBuyId as string;
  return { leader, productId, productName: String(product.name), open };
}

async function fireJoins(stack: BenchStack, groupBuyId: string, tokens: string[], concurrency: number, deadline: number): Promise<{ results: JoinResult[]; wallMs: number; started: number }> {
  const results: JoinResult[] = [];
  const started = performance.now();
  await runBounded(
    tokens.length,
    concurrency,
    async (i) => {
      const t0 = performance.now();
      try {
        const response = await fetch(`${stack.url}/api/group-buys/${groupBuyId}/joins`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json', 'idempotency-key': `flash-${i}-${randomUUID()}` },
          body: '{"quantity":1}',
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        const at = performance.now();
        const result: JoinResult = { status: response.status, ms: at - t0, at };
        try {
          const body = JSON.parse(text) as { error?: { code?: string }; order?: { orderId?: string; lines?: { quantity?: number }[] } };
          if (body.error?.code) result.code = body.error.code;
          if (body.order) {
            result.orderId = body.order.orderId;
            result.quantity = body.order.lines?.[0]?.quantity;
          }
        } catch {
          result.error = `not JSON: ${text.slice(0, 80)}`;
        }
        results.push(result);
      } catch (error) {
        const at = performance.now();
        results.push({ status: 0, ms: at - t0, at, error: (error as Error).message });
      }
    },
    deadline,
  );
  return { results, wallMs: performance.now() - started, started };
}

/** UpdateItem `ADD n :one` if `n < :max` on one item, `count` times with `concurrency` in flight. */
async function bareUpdates(dynamoEndpoint: string, count: number, concurrency: number, max: number, deadline: number) {
  // As the app's client (createDb), but with a socket for each request in flight: the SDK's default of 50 would
  // queue most of them in this process and measure the queue rather than DynamoDB Local.
  const client = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: concurrency }) },
  });
  const tableName = `bench-hot-item-${randomUUID()}`;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const update = (pk: string, ceiling: number) =>
      client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { pk: { S: pk } },
          UpdateExpression: 'ADD n :one',
          ConditionExpression: 'n < :max',
          ExpressionAttributeValues: { ':one': { N: '1' }, ':max': { N: String(ceiling) } },
        }),
      );
    for (const pk of ['warm-up', 'hot']) await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, n: { N: '0' } } }));
    // Warm-up on another item so the JIT has seen the path; not measured.
    await runBounded(Math.min(200, count), concurrency, async () => void (await update('warm-up', 1e9)));

    const times: number[] = [];
    let succeeded = 0;
    let refused = 0;
    const errors: string[] = [];
    const started = performance.now();
    const sent = await runBounded(
      count,
      concurrency,
      async () => {
        const t0 = performance.now();
        try {
          await update('hot', max);
          succeeded++;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) refused++;
          else errors.push((error as Error).name);
        }
        times.push(performance.now() - t0);
      },
      deadline,
    );
    const wallMs = performance.now() - started;
    const final = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'hot' } }, ConsistentRead: true }));
    return { sent, times, succeeded, refused, errors, wallMs, finalN: Number(final.Item?.n?.N) };
  } finally {
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    client.destroy();
  }
}

/**
 * The simulated payments made since `sinceIso`, by status: each join that got past the early check created one,
 * and the ones that then lost the race for the last units were released.
 */
async function paymentsSince(dynamoEndpoint: string, sinceIso: string): Promise<Map<string, number>> {
  const client = new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const byStatus = new Map<string, number>();
  try {
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME,
          FilterExpression: 'begins_with(PK, :simpay) AND createdAt >= :since',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':simpay': { S: 'SIMPAY#' }, ':since': { S: sinceIso } },
          ProjectionExpression: '#status',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const status = item.status?.S ?? '?';
        byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  } finally {
    client.destroy();
  }
  return byStatus;
}

export interface FlashSaleReport {
  lines: string[];
  /** Problems found: oversells, 5xx, refusals without a reason, missing answers. Empty when the sale was right. */
  problems: string[];
}

export async function benchFlashSale(options: FlashSaleOptions): Promise<FlashSaleReport> {
  const { requests, concurrency } = options;
  const maxQuantity = options.maxQuantity ?? 500;
  const timeBudgetMs = options.timeBudgetMs ?? 180_000;
  const warmUp = { requests: Math.min(200, requests), max: 20 };
  const dataDir = mkdtempSync(join(options.dataRoot ?? tmpdir(), 'village-link-bench-flash-'));
  const phases: [string, number][] = [];
  let phaseStarted = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases.push([name, now - phaseStarted]);
    phaseStarted = now;
  };
  const stack = await startBenchStack(dataDir);
  phase('stack start-up (fresh data)');
  try {
    const sale = await openSale(stack, maxQuantity, warmUp.max);
    const issuer = await persistentDevIssuer(join(dataDir, 'dev-signing-key.json'));
    const ids = ulidIds();
    const mint = async (n: number, label: string) => {
      const tokens: string[] = [];
      for (let i = 0; i < n; i++) tokens.push(await issuer.issue({ accountId: ids.next('account'), role: 'buyer', displayName: `${label}${i + 1}` }));
      return tokens;
    };
    const mintStarted = performance.now();
    const tokens = await mint(requests, '压测买家');
    const mintMs = performance.now() - mintStarted;
    phase('set-up: sign-in, restock, open, mint tokens');

    // Warm-up: a small sale of its own, so the server and DynamoDB Local are past their first requests.
    const warmGroupBuy = await sale.open(warmUp.max, 1, '压测预热');
    await fireJoins(stack, warmGroupBuy, await mint(warmUp.requests, '预热买家'), concurrency, Infinity);
    phase('warm-up joins');

    const groupBuyId = await sale.open(maxQuantity, Math.min(100, maxQuantity), '压测秒杀团');
    const firedAtIso = new Date().toISOString();
    const fired = await fireJoins(stack, groupBuyId, tokens, concurrency, performance.now() + timeBudgetMs);
    const { results } = fired;
    phase('flash-sale joins');

    const groupBuy = await must(stack, 'GET', `/api/group-buys/${groupBuyId}`);
    const handOut = await must(stack, 'GET', `/api/group-buys/${groupBuyId}/hand-out`, { token: sale.leader });
    const productAfter = await must(stack, 'GET', `/api/products/${sale.productId}`);
    const payments = await paymentsSince(stack.dynamoEndpoint, firedAtIso);
    const paymentsCreated = [...payments.values()].reduce((a, b) => a + b, 0);

    phase('verification reads');
    const bare = await bareUpdates(stack.dynamoEndpoint, requests, concurrency, maxQuantity, performance.now() + timeBudgetMs);
    phase('bare updates (with warm-up, table create/delete)');

    const accepted = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    const serverErrors = results.filter((r) => r.status >= 500);
    const noAnswer = results.filter((r) => r.status === 0);
    const otherStatus = results.filter((r) => r.status !== 201 && r.status !== 409 && r.status < 500 && r.status !== 0);
    const soldQuantity = accepted.reduce((sum, r) => sum + (r.quantity ?? 0), 0);
    const distinctOrders = new Set(accepted.map((r) => r.orderId)).size;
    const byCode = new Map<string, number>();
    for (const r of refused) byCode.set(r.code ?? '(none)', (byCode.get(r.code ?? '(none)') ?? 0) + 1);
    const refusedWithoutReason = refused.filter((r) => !r.code || !REFUSAL_CODES.includes(r.code)).length;
    const statusCounts = new Map<number, number>();
    for (const r of results) statusCounts.set(r.status, (statusCounts.get(r.status) ?? 0) + 1);
    const lastAccepted = accepted.length ? Math.max(...accepted.map((r) => r.at)) - fired.started : Number.NaN;
    const joinedQuantity = Number(groupBuy.joinedQuantity);
    const handOutTotal = Number(handOut.totalQuantity);
    const handOutEntries = (handOut.entries as unknown[]).length;
    const oversold = Math.max(0, soldQuantity - maxQuantity, joinedQuantity - maxQuantity, handOutTotal - maxQuantity);
    const joinsPerSecond = results.length / (fired.wallMs / 1000);
    const barePerSecond = bare.sent / (bare.wallMs / 1000);

    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
      return `| ${ok ? 'ok' : '**FAILED**'} | ${what} |`;
    };
    const lines: string[] = [];
    lines.push(`## Flash sale: ${requests.toLocaleString('en')} joins from distinct buyers on one group buy with maximum ${maxQuantity} (local stack over HTTP, ${concurrency} in flight)`);
    lines.push(`Product: ${sale.productName}; joins with quantity 1, each with its own Idempotency-Key; ${requests.toLocaleString('en')} tokens minted in ${(mintMs / 1000).toFixed(1)} s beforehand (not timed); warm-up: ${warmUp.requests} joins on a separate group buy.`);
    if (results.length < requests) lines.push(`**Only ${results.length} of ${requests} requests were sent within the ${timeBudgetMs / 1000} s budget.**`);
    lines.push('');
    lines.push('| check | what |\n|---|---|');
    lines.push(check(accepted.length === maxQuantity, `exactly ${maxQuantity} joins accepted (201): ${accepted.length}`));
    lines.push(check(soldQuantity === maxQuantity, `sum of accepted quantities ${maxQuantity}: ${soldQuantity}`));
    lines.push(check(distinctOrders === accepted.length, `every 201 is a distinct order: ${distinctOrders} distinct`));
    lines.push(check(joinedQuantity === maxQuantity, `GET /api/group-buys/{id} joinedQuantity ${maxQuantity}: ${joinedQuantity} (joinCount ${String(groupBuy.joinCount)})`));
    lines.push(check(handOutTotal === maxQuantity && handOutEntries === accepted.length, `hand-out list: ${handOutEntries} entries, ${handOutTotal} units`));
    lines.push(check(oversold === 0, `oversold: ${oversold}`));
    lines.push(check(Number(productAfter.stock) >= 0, `product stock not negative: ${String(productAfter.stock)} left after reserving ${maxQuantity + warmUp.max}`));
    lines.push(check(serverErrors.length === 0, `responses 5xx: ${serverErrors.length}${serverErrors.length ? ` (${[...new Set(serverErrors.map((r) => `${r.status} ${r.code ?? ''}`))].join(', ')})` : ''}`));
    lines.push(check(noAnswer.length === 0, `requests without an answer (network error or ${REQUEST_TIMEOUT_MS / 1000} s timeout): ${noAnswer.length}${noAnswer.length ? ` (${[...new Set(noAnswer.map((r) => r.error))].slice(0, 3).join('; ')})` : ''}`));
    lines.push(check(otherStatus.length === 0, `other statuses: ${otherStatus.length ? [...new Set(otherStatus.map((r) => `${r.status} ${r.code ?? ''}`))].join(', ') : 'none'}`));
    lines.push(
      check(
        refusedWithoutReason === 0 && refused.length + accepted.length === results.length,
        `every refused join is a 409 with sold_out, closed or over_maximum: ${refused.length} refused — ${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`,
      ),
    );
    lines.push(check(bare.finalN === maxQuantity && bare.succeeded === maxQuantity, `bare updates: ${bare.succeeded} succeeded, ${bare.refused} refused by the condition, item ends at n = ${bare.finalN}${bare.errors.length ? `, ${bare.errors.length} errors (${[...new Set(bare.errors)].join(', ')})` : ''}`));
    lines.push('');
    lines.push('| what | requests | wall time | rate | p50 | p99 | max |\n|---|---|---|---|---|---|---|');
    const row = (what: string, n: number, times: number[], wall?: number) =>
      `| ${what} | ${n} | ${wall === undefined ? '' : `${(wall / 1000).toFixed(2)} s`} | ${wall === undefined ? '' : `${(n / (wall / 1000)).toFixed(0)}/s`} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${ms(times.length ? Math.max(...times) : Number.NaN)} |`;
    lines.push(row('join requests, all answers (HTTP, app)', results.length, results.map((r) => r.ms), fired.wallMs));
    lines.push(row('— accepted (201)', accepted.length, accepted.map((r) => r.ms)));
    lines.push(row('— refused (409)', refused.length, refused.map((r) => r.ms)));
    if (serverErrors.length) lines.push(row('— 5xx', serverErrors.length, serverErrors.map((r) => r.ms)));
    lines.push(row('bare conditional UpdateItem on one item (DynamoDB Local, same endpoint)', bare.sent, bare.times, bare.wallMs));
    lines.push('');
    lines.push(`Sold out (last 201 answered) ${(lastAccepted / 1000).toFixed(2)} s after the first request: ${(accepted.length / (lastAccepted / 1000)).toFixed(0)} accepted joins/s while stock lasted.`);
    lines.push(`**Ratio joins/s ÷ bare updates/s = ${joinsPerSecond.toFixed(0)} ÷ ${barePerSecond.toFixed(0)} = ${(joinsPerSecond / barePerSecond).toFixed(3)}**`);
    lines.push(
      `Payments created during the sale: ${paymentsCreated} for ${accepted.length} accepted joins (${[...payments].map(([status, n]) => `${status} ${n}`).join(', ')}): ${paymentsCreated - accepted.length} joins passed the early check, created a payment, lost the race for the last units and released it.`,
    );
    lines.push(`Statuses: ${[...statusCounts].sort(([a], [b]) => a - b).map(([s, n]) => `${s || 'no answer'} × ${n}`).join(', ')}.`);
    if (stack.stderrLines.length) {
      const distinct = [...new Set(stack.stderrLines.map((l) => l.slice(0, 200)))];
      lines.push(`The stack wrote ${stack.stderrLines.length} lines on stderr; first distinct: ${distinct.slice(0, 3).map((l) => `\`${l}\``).join(' · ')}`);
    } else {
      lines.push('The stack wrote nothing on stderr during the run.');
    }
    lines.push(`DATA_DIR ${dataDir.startsWith('/dev/shm') ? 'on tmpfs (/dev/shm)' : `under ${options.dataRoot ?? tmpdir()} (disk)`}. Phases: ${phases.map(([name, t]) => `${name} ${(t / 1000).toFixed(1)} s`).join(' · ')}.`);
    return { lines, problems };
  } finally {
    await stopBenchStack(stack);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Run on its own: `npx tsx scripts/bench/flash-sale.ts`.
if (import.meta.filename === process.argv[1]) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const report = await benchFlashSale({
    requests: Number(process.env.BENCH_FLASH_REQUESTS ?? 5000),
    concurrency: Number(process.env.BENCH_FLASH_CONCURRENCY ?? 200),
    ...(process.env.BENCH_DATA_ROOT ? { dataRoot: process.env.BENCH_DATA_ROOT } : {}),
  });
  console.log(report.lines.join('\n'));
}

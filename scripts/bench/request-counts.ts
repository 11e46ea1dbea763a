/**
 * DynamoDB requests per operation (place order, join, webhook, close), counted in-process: the app as the local
 * stack builds it, on an in-memory DynamoDB Local, with a middleware on the document client that counts every
 * command sent. The payment simulator's own items (`SIMPAY#…`, standing in for Stripe's database) are counted
 * apart: in AWS those are calls to Stripe, not to DynamoDB.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createApp } from '../../functions/api/app.js';
import { ensureTable } from '../../shared/db/create-table.js';
import type { Account } from '../../shared/domain/account.js';
import { runDueWork } from '../../shared/domain/use-cases/scheduler.js';
import { ulidIds } from '../../shared/runtime/ids.js';
import { ephemeralDevIssuer } from '../local/dev-issuer.js';
import { findFreePort, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { localDeps } from '../local/local-deps.js';
import { seedDemoData } from '../local/seed.js';

/** The columns of the table, in order; anything else lands in "other". */
const COLUMNS = ['GetItem', 'Query', 'BatchGetItem', 'PutItem', 'UpdateItem', 'TransactWriteItems'] as const;

/** Document-client command names → DynamoDB operations. */
const OPERATION_OF: Record<string, string> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
  TransactWriteCommand: 'TransactWriteItems',
  TransactGetCommand: 'TransactGetItems',
};

const operationOf = (commandName: string) => OPERATION_OF[commandName] ?? commandName.replace(/Command$/, '');

interface Counted {
  operation: string;
  byOperation: Map<string, number>;
  simulator: number;
}

export interface RequestCountsReport {
  lines: string[];
  problems: string[];
}

export async function benchRequestCounts(): Promise<RequestCountsReport> {
  const dynamo = await startDynamoDbLocal({ port: await findFreePort() });
  try {
    const tableName = 'village-link-request-counts';
    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(admin, tableName);
    admin.destroy();
    const issuer = await ephemeralDevIssuer();
    // S3 is part of the deps but none of the counted operations touches it.
    const { deps, db, simulator, connectWebhook } = localDeps({ tableName, dynamoEndpoint: dynamo.endpoint, s3Endpoint: 'http://127.0.0.1:1', issuer });
    if (!simulator) throw new Error('the request counts need the payment simulator (unset STRIPE_SECRET_KEY)');
    const app = createApp(deps);
    // Deliveries wait at this gate while the operation that caused them is counted, so they are counted on their own.
    let gate: Promise<void> = Promise.resolve();
    connectWebhook({ request: async (path, init) => (await gate, app.request(path, init)) });
    const holdWebhooks = () => {
      let open = () => undefined as void;
      gate = new Promise<void>((resolve) => (open = resolve));
      return () => {
        open();
        gate = Promise.resolve();
      };
    };
    await seedDemoData(deps, db);

    // The counter: on the document client's stack, which is the underlying client's (every command passes it).
    let counting = false;
    let byOperation = new Map<string, number>();
    let simulatorRequests = 0;
    let seen = 0;
    db.doc.middlewareStack.add(
      (next, context) => async (args) => {
        seen++;
        if (counting) {
          if (JSON.stringify((args as { input?: unknown }).input ?? {}).includes('SIMPAY#')) simulatorRequests++;
          else {
            const operation = operationOf(context.commandName ?? 'unknown');
            byOperation.set(operation, (byOperation.get(operation) ?? 0) + 1);
          }
        }
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const results: Counted[] = [];
    const count = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
      byOperation = new Map();
      simulatorRequests = 0;
      counting = true;
      try {
        return await work();
      } finally {
        counting = false;
        results.push({ operation, byOperation, simulator: simulatorRequests });
      }
    };

    const ids = ulidIds();
    const buyer = async (name: string) => issuer.issue({ accountId: ids.next('account'), role: 'buyer', displayName: name } satisfies Account);
    const request = async (method: string, path: string, token: string | undefined, body?: unknown, idempotent = true) => {
      const response = await app.request(path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(idempotent && method === 'POST' ? { 'idempotency-key': `bench-${randomUUID()}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the benchmark reads whatever the API answered
      return { status: response.status, json: (await response.json()) as any };
    };
    const must = async (method: string, path: string, token: string | undefined, body?: unknown) => {
      const answer = await request(method, path, token, body);
      if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
      return answer.json;
    };

    const accounts = await deps.accounts.list();
    const leaderAccount = accounts.find((a) => a.role === 'leader');
    if (!leaderAccount) throw new Error('the seed has no leader');
    const leader = await issuer.issue(leaderAccount);
    const products = (await must('GET', '/api/products?limit=50', undefined)).items as { productId: string; villageId: string; priceFen: number; stock: number }[];
    const withStock = products.filter((p) => p.stock >= 40);
    const first = withStock[0];
    const second = withStock.find((p) => p.villageId !== first?.villageId);
    if (!first || !second) throw new Error('the seed has no two villages with products in stock');

    const problems: string[] = [];
    const expect = (ok: boolean, what: string) => void (ok || problems.push(what));

    // Place order: two lines from two villages, then its payment succeeds (one webhook delivery).
    const alice = await buyer('计数买家甲');
    const placed = await count('place order (POST /api/orders, 2 lines from 2 villages)', () =>
      must('POST', '/api/orders', alice, { lines: [{ productId: first.productId, quantity: 1 }, { productId: second.productId, quantity: 2 }], fulfilment: { type: 'pickup' } }),
    );
    await count(
      'webhook: payment_intent.succeeded for that order',
      async () => {
        await simulator.complete(placed.payment.paymentId, { method: 'alipay' });
        await simulator.drain();
      },
    );
    const paidOrder = await must('GET', `/api/orders/${placed.order.orderId}`, alice);
    expect(paidOrder.status === 'paid', `the direct order is ${paidOrder.status} after its payment succeeded, not paid`);

    // Join: the first of ten joins is counted, then its payment's webhook; the eleventh join is refused.
    const open = (max: number, min: number) =>
      must('POST', '/api/group-buys', leader, {
        productId: first.productId,
        unitPriceFen: first.priceFen,
        minQuantity: min,
        maxQuantity: max,
        deadline: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
        pickupPoint: { name: '计数自提点', address: '成都市锦江区测试路1号', pickupTime: '周六 9:00–11:00' },
      }) as Promise<{ groupBuyId: string }>;
    const joinAndPay = async (groupBuyId: string, n: number, countFirst: boolean) => {
      for (let i = 0; i < n; i++) {
        const token = await buyer(`计数团员${i + 1}`);
        const join = () => must('POST', `/api/group-buys/${groupBuyId}/joins`, token, { quantity: 1 });
        const joined = countFirst && i === 0 ? await count('join (POST /api/group-buys/{id}/joins)', join) : await join();
        const pay = async () => {
          await simulator.complete(joined.payment.paymentId, { method: 'alipay' });
          await simulator.drain();
        };
        if (countFirst && i === 0) await count('webhook: payment_intent.succeeded for a join', pay);
        else await pay();
      }
    };
    const N = 10;
    const confirmed = await open(N, N);
    await joinAndPay(confirmed.groupBuyId, N, true);
    const late = await buyer('计数迟到者');
    const refused = await count('join refused (sold out)', () => request('POST', `/api/group-buys/${confirmed.groupBuyId}/joins`, late, { quantity: 1 }));
    expect(refused.status === 409 && refused.json?.error?.code === 'sold_out', `the join past the maximum answered ${refused.status} ${JSON.stringify(refused.json)}`);

    // Close at the deadline: the scheduler's run, with a clock two hours ahead (the app keeps the real one).
    const later = { now: () => new Date(Date.now() + 2 * 60 * 60 * 1000) };
    let releaseWebhooks = holdWebhooks();
    await count(`close, confirmed (runDueWork; ${N} paid joins)`, () => runDueWork({ ...deps, clock: later }));
    const afterConfirm = await must('GET', `/api/group-buys/${confirmed.groupBuyId}`, undefined);
    expect(afterConfirm.status === 'confirmed', `the group buy that reached its minimum is ${afterConfirm.status}, not confirmed`);
    releaseWebhooks();
    await simulator.drain();

    const failing = await open(2 * N, 2 * N);
    await joinAndPay(failing.groupBuyId, N, false);
    releaseWebhooks = holdWebhooks();
    await count(`close, failed (runDueWork; ${N} paid joins refunded)`, () => runDueWork({ ...deps, clock: later }));
    const afterFail = await must('GET', `/api/group-buys/${failing.groupBuyId}`, undefined);
    expect(afterFail.status === 'failed', `the group buy that missed its minimum is ${afterFail.status}, not failed`);
    await count(`webhooks after the failed close (${N} charge.refunded, orders already refunded)`, async () => {
      releaseWebhooks();
      await simulator.drain();
    });
    expect(seen > 0, 'the counting middleware saw no command: it is not on the stack the commands pass');

    const lines: string[] = [];
    const others = [...new Set(results.flatMap((r) => [...r.byOperation.keys()]).filter((op) => !(COLUMNS as readonly string[]).includes(op)))];
    lines.push('## DynamoDB requests per operation (in-process app on DynamoDB Local; payment simulator counted apart)');
    lines.push(`| operation | ${COLUMNS.join(' | ')} | ${others.length ? `${others.join(' | ')} | ` : ''}total round trips | payment simulator (Stripe in AWS) |`);
    lines.push(`|---|${[...COLUMNS, ...others].map(() => '---|').join('')}---|---|`);
    const row = (r: Counted, divisor = 1, label = r.operation) => {
      const cell = (n: number) => (divisor === 1 ? String(n) : (n / divisor).toFixed(1));
      const total = [...r.byOperation.values()].reduce((a, b) => a + b, 0);
      return `| ${label} | ${[...COLUMNS, ...others].map((op) => cell(r.byOperation.get(op) ?? 0)).join(' | ')} | **${cell(total)}** | ${cell(r.simulator)} |`;
    };
    for (const r of results) {
      lines.push(row(r));
      if (r.operation.startsWith('close')) lines.push(row(r, N, `— per join (÷ ${N})`));
    }
    return { lines, problems };
  } finally {
    await dynamo.stop();
  }
}

// Run on its own: `npx tsx scripts/bench/request-counts.ts`.
if (import.meta.filename === process.argv[1]) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const report = await benchRequestCounts();
  console.log(report.lines.join('\n'));
  if (report.problems.length) console.log(`\nProblems: ${report.problems.join('; ')}`);
}

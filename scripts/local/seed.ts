import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { demoAccounts, demoGroupBuys, demoOrganizations, demoVillages } from '../../shared/demo/demo-data.js';
import type { Db } from '../../shared/db/dynamo.js';
import { getItem } from '../../shared/db/dynamo.js';
import { seedMarkerKey } from '../../shared/db/keys.js';
import type { Actor } from '../../shared/domain/actor.js';
import type { Deps } from '../../shared/domain/ports.js';
import { createOrganization } from '../../shared/domain/use-cases/organizations.js';
import { openGroupBuy } from '../../shared/domain/use-cases/group-buys.js';
import { PROGRAMME_TIME_ZONE, yearInShanghai } from '../../shared/domain/season.js';
import { tz } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { createProduct } from '../../shared/domain/use-cases/products.js';
import { createVillage, setVillageTargets } from '../../shared/domain/use-cases/villages.js';
import { LocalStackError } from './dynamodb-local.js';
import { seedDemoBuyback } from '../../shared/demo/demo-buyback.js';
import { seedDemoPartners, seedDemoWeeklyReports } from '../../shared/demo/demo-partners.js';
import { demoHistory, type DemoHistoryIds } from '../../shared/demo/demo-history.js';
import { importSales } from '../../shared/db/ledger-import.js';

/** Bump when the demo data changes shape, so that old local data is recognised as old. */
export const DEMO_DATA_VERSION = 2;

export interface SeedSummary {
  seeded: boolean;
  villages: number;
  products: number;
  organizations: number;
  accounts: number;
  groupBuys: number;
}

/**
 * Seeds the demo data once. The data goes in through the same use cases users call, so it obeys every
 * rule they do. A marker item records the outcome; an interrupted seed is reported, not silently repeated.
 */
export async function seedDemoData(deps: Deps, db: Db): Promise<SeedSummary> {
  const marker = await getItem(db, seedMarkerKey());
  if (marker?.status === 'complete') {
    await seedDemoHistory(deps, db);
    return { seeded: false, villages: 0, products: 0, organizations: 0, accounts: 0, groupBuys: 0 };
  }
  if (marker) {
    throw new LocalStackError('The demo data seed was interrupted earlier: delete the .data/ folder and run `npm start` again');
  }
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...seedMarkerKey(), status: 'started', version: DEMO_DATA_VERSION },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new LocalStackError('Another process is seeding this table; stop it, delete .data/ and start again');
    }
    throw error;
  }

  const organizer: Actor = { role: 'organizer', accountId: deps.ids.next('account'), displayName: '演示数据' };
  const villageIds = new Map<string, string>();
  const productIds = new Map<string, string>();
  const accountIds = new Map(demoAccounts.map((demo) => [demo.ref, deps.ids.next('account')]));
  // Villages are independent of each other, so they go in side by side; each village's products in order.
  const productCounts = await Promise.all(
    demoVillages.map(async (demo) => {
      const village = await createVillage(deps, organizer, demo.input);
      villageIds.set(demo.ref, village.villageId);
      await setVillageTargets(deps, organizer, { villageId: village.villageId, year: demo.targets.year, targets: demo.targets });
      const coop: Actor = { role: 'coop', accountId: deps.ids.next('account'), displayName: demo.input.name, villageId: village.villageId };
      for (const product of demo.products) {
        const created = await createProduct(deps, coop, { villageId: village.villageId, product: product.input });
        productIds.set(`${demo.ref}/${product.ref}`, created.productId);
      }
      return demo.products.length;
    }),
  );
  const products = productCounts.reduce((a, b) => a + b, 0);
  const organizationIds = new Map<string, string>();
  await Promise.all(
    demoOrganizations.map(async (demo) => {
      const organization = await createOrganization(deps, organizer, demo.input);
      organizationIds.set(demo.ref, organization.organizationId);
    }),
  );
  await Promise.all(
    demoAccounts.map((demo) =>
      deps.accounts.create({
      accountId: accountIds.get(demo.ref)!,
      role: demo.role,
      displayName: demo.displayName,
      displayNameEn: demo.displayNameEn,
      ...(demo.villageRef ? { villageId: resolve(villageIds, demo.villageRef) } : {}),
      ...(demo.organizationRef ? { organizationId: resolve(organizationIds, demo.organizationRef) } : {}),
      }),
    ),
  );
  for (const demo of demoGroupBuys) {
    const account = demoAccounts.find((a) => a.ref === demo.leaderRef);
    if (!account?.organizationRef) throw new Error(`Demo group buy ${demo.ref} needs a leader bound to an organisation`);
    const leader: Actor = {
      role: 'leader',
      accountId: accountIds.get(account.ref)!,
      displayName: account.displayName,
      organizationId: resolve(organizationIds, account.organizationRef),
    };
    const day = format(addDays(deps.clock.now(), demo.closesInDays), 'yyyy-MM-dd', { in: tz(PROGRAMME_TIME_ZONE) });
    await openGroupBuy(deps, leader, {
      productId: resolve(productIds, `${demo.villageRef}/${demo.productRef}`),
      unitPriceFen: demo.unitPriceFen,
      minQuantity: demo.minQuantity,
      maxQuantity: demo.maxQuantity,
      deadline: `${day}T20:00:00+08:00`,
      pickupPoint: demo.pickupPoint,
      title: demo.title,
    });
  }
  // Buyback guarantees (保价回购): an active one with deliveries and a paid settlement, a closed one with its breach, an open offer.
  await seedDemoBuyback(deps, { accountIds, villageIds, organizationIds, productIds });
  // Pairings (结对) as the programmes recorded them, and this year's pledges.
  await seedDemoPartners(deps, { villageIds, organizationIds });
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...seedMarkerKey(), status: 'complete', version: DEMO_DATA_VERSION, seededAt: deps.clock.now().toISOString() },
    }),
  );
  await seedDemoHistory(deps, db);
  return { seeded: true, villages: demoVillages.length, products, organizations: demoOrganizations.length, accounts: demoAccounts.length, groupBuys: demoGroupBuys.length };
}

function resolve(ids: Map<string, string>, ref: string): string {
  const id = ids.get(ref);
  if (!id) throw new Error(`Demo data refers to unknown ref ${ref}`);
  return id;
}

/** Bump when the generated history changes, so that a history imported by an older version is recognised. */
export const DEMO_HISTORY_VERSION = 1;

/**
 * Bulk-imports the demo sales history (shared/demo/demo-history.ts: two years and this year so far, relative to
 * the seed clock) once, as a step of its own on the seed marker: data seeded before the history existed gets it
 * on its next start, without being seeded again. Ids are looked up by the demo names, not carried over from the
 * seed, for that reason. It runs last, so that it tops up the sales the other steps made rather than adding to
 * them. Returns the number of sales imported, or undefined when it had been done.
 */
export async function seedDemoHistory(deps: Deps, db: Db): Promise<number | undefined> {
  const marker = await getItem(db, seedMarkerKey());
  if (marker?.historyStatus === 'complete') return undefined;
  if (marker?.historyStatus) {
    throw new LocalStackError('The demo sales history import was interrupted earlier: delete the .data/ folder and run `npm start` again');
  }
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: seedMarkerKey(),
        UpdateExpression: 'SET historyStatus = :started, historyVersion = :version',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(historyStatus)',
        ExpressionAttributeValues: { ':started': 'started', ':version': DEMO_HISTORY_VERSION },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new LocalStackError('Another process is importing the demo sales history into this table; stop it, delete .data/ and start again');
    }
    throw error;
  }
  const now = deps.clock.now();
  const ids = await demoHistoryIds(deps);
  // Sales the other steps already made (buy-back settlements) count towards each month's plan.
  const year = yearInShanghai(now);
  const existing = new Map<string, number>();
  await Promise.all(
    demoVillages.map(async ({ ref }) => {
      const villageId = ids.village(ref);
      if (!villageId) return;
      for (const month of await deps.ledger.villageMonths(villageId, `${year - 2}-01`, `${year}-12`)) existing.set(`${ref}/${month.month}`, month.salesFen);
    }),
  );
  const sales = demoHistory({ now, ids, existingSalesFen: (ref, month) => existing.get(`${ref}/${month}`) ?? 0 });
  // Transactions: DynamoDB Local on disk commits them once, but every item of a BatchWriteItem on its own.
  const imported = await importSales(db, sales, { concurrency: 4, writeWith: 'transaction' });
  // Last week's reports carry figures from the ledger, so they are written once the history is in.
  await seedDemoWeeklyReports(deps);
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: seedMarkerKey(),
      UpdateExpression: 'SET historyStatus = :complete, historySales = :sales, historyImportedAt = :at',
      ExpressionAttributeValues: { ':complete': 'complete', ':sales': imported.sales, ':at': deps.clock.now().toISOString() },
    }),
  );
  return imported.sales;
}

/** The seeded records' ids, found by the names the demo data gives them. */
async function demoHistoryIds(deps: Deps): Promise<DemoHistoryIds> {
  const villageIds = new Map<string, string>();
  const productIds = new Map<string, string>();
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await deps.villages.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const village of page.items) {
      const demo = demoVillages.find((v) => v.input.county === village.county && v.input.name === village.name);
      if (demo) villageIds.set(demo.ref, village.villageId);
    }
    cursor = page.nextCursor ?? undefined;
  }
  for (const demo of demoVillages) {
    const villageId = villageIds.get(demo.ref);
    if (!villageId) continue;
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await deps.products.listByVillage({ villageId, status: 'all', limit: 100, ...(cursor ? { cursor } : {}) });
      for (const product of page.items) {
        const match = demo.products.find((p) => p.input.name === product.name);
        if (match) productIds.set(`${demo.ref}/${match.ref}`, product.productId);
      }
      cursor = page.nextCursor ?? undefined;
    }
  }
  const organizationIds = new Map<string, string>();
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await deps.organizations.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const organization of page.items) {
      const demo = demoOrganizations.find((o) => o.input.name === organization.name);
      if (demo) organizationIds.set(demo.ref, organization.organizationId);
    }
    cursor = page.nextCursor ?? undefined;
  }
  const accounts = await deps.accounts.list();
  const buyerNames = new Set(demoAccounts.filter((a) => a.role === 'buyer').map((a) => a.displayName));
  return {
    village: (ref) => villageIds.get(ref),
    product: (villageRef, productRef) => productIds.get(`${villageRef}/${productRef}`),
    organization: (ref) => organizationIds.get(ref),
    coopAccount: (villageRef) => accounts.find((a) => a.role === 'coop' && a.villageId === villageIds.get(villageRef))?.accountId,
    buyerAccounts: accounts.filter((a) => a.role === 'buyer' && buyerNames.has(a.displayName)).map((a) => a.accountId),
  };
}

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { demoAccounts, demoGroupBuys, demoOrganizations, demoVillages } from '../../shared/demo/demo-data.js';
import type { Db } from '../../shared/db/dynamo.js';
import { getItem } from '../../shared/db/dynamo.js';
import { seedMarkerKey } from '../../shared/db/keys.js';
import type { Actor } from '../../shared/domain/actor.js';
import type { Deps } from '../../shared/domain/ports.js';
import { createOrganization } from '../../shared/domain/use-cases/organizations.js';
import { openGroupBuy } from '../../shared/domain/use-cases/group-buys.js';
import { PROGRAMME_TIME_ZONE } from '../../shared/domain/season.js';
import { tz } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { createProduct } from '../../shared/domain/use-cases/products.js';
import { createVillage, setVillageTargets } from '../../shared/domain/use-cases/villages.js';
import { LocalStackError } from './dynamodb-local.js';

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
  if (marker?.status === 'complete') return { seeded: false, villages: 0, products: 0, organizations: 0, accounts: 0, groupBuys: 0 };
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
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...seedMarkerKey(), status: 'complete', version: DEMO_DATA_VERSION, seededAt: deps.clock.now().toISOString() },
    }),
  );
  return { seeded: true, villages: demoVillages.length, products, organizations: demoOrganizations.length, accounts: demoAccounts.length, groupBuys: demoGroupBuys.length };
}

function resolve(ids: Map<string, string>, ref: string): string {
  const id = ids.get(ref);
  if (!id) throw new Error(`Demo data refers to unknown ref ${ref}`);
  return id;
}

import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createLocalApp } from '../../scripts/local/local-app.js';
import { seedDemoData, seedDemoHistory } from '../../scripts/local/seed.js';
import type { Db } from '../../shared/db/dynamo.js';
import { getItem } from '../../shared/db/dynamo.js';
import { seedMarkerKey } from '../../shared/db/keys.js';
import { aggregateItemsOf, importSales } from '../../shared/db/ledger-import.js';
import { demoOrganizations } from '../../shared/demo/demo-data.js';
import { demoHistory } from '../../shared/demo/demo-history.js';
import { monthInShanghai } from '../../shared/domain/season.js';
import { ulidIds } from '../../shared/runtime/ids.js';
import { createTestStack, manualClock, requestHelpers } from '../support/test-stack.js';

/** Every item of the ledger (sales and sums), in key order. */
async function ledgerItems(db: Db): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'entity IN (:sale, :aggregate)',
        ExpressionAttributeValues: { ':sale': 'Sale', ':aggregate': 'Aggregate' },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const key = (item: Record<string, unknown>) => `${String(item.PK)}|${String(item.SK)}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A slice of the demo history, with real ids: three villages over the turn of a year, refunds and organisations included. */
function historySlice() {
  const ids = ulidIds();
  const refs = new Map<string, string>();
  const idOf = (kind: 'village' | 'product' | 'organization', ref: string) => refs.get(`${kind}:${ref}`) ?? refs.set(`${kind}:${ref}`, ids.next(kind)).get(`${kind}:${ref}`)!;
  const all = demoHistory({
    now: new Date('2026-11-22T02:00:00.000Z'),
    ids: {
      village: (ref) => (['tudiao', 'meijiang', 'fengyan'].includes(ref) ? idOf('village', ref) : undefined),
      product: (villageRef, productRef) => idOf('product', `${villageRef}/${productRef}`),
      organization: (ref) => idOf('organization', ref),
      buyerAccounts: [ids.next('account')],
    },
  });
  const months = ['2025-11', '2025-12', '2026-01', '2026-02'];
  // A few refunds from other months too, so negative records are always in the slice.
  return [...all.filter((s) => months.includes(monthInShanghai(new Date(s.occurredAt)))), ...all.filter((s) => s.amountFen < 0 && !months.includes(monthInShanghai(new Date(s.occurredAt)))).slice(0, 5)];
}

describe('demo history import', () => {
  it('leaves exactly the sale and sum items that appending the same sales through ledgerWrites leaves', async () => {
    // Prepare
    const sales = historySlice();
    const bulk = await createTestStack();
    const appended = await createTestStack();
    const mixed = await createTestStack();
    const appendInChunks = async (db: typeof appended.deps, list: typeof sales) => {
      for (let i = 0; i < list.length; i += 15) await db.ledger.append(list.slice(i, i + 15));
    };
    // Act
    const result = await importSales(bulk.db, sales, { concurrency: 3 });
    await appendInChunks(appended.deps, sales);
    // Sums already in the table are added to, not overwritten.
    const half = Math.floor(sales.length / 2);
    await appendInChunks(mixed.deps, sales.slice(0, half));
    await importSales(mixed.db, sales.slice(half));
    // Assess
    const fromImport = await ledgerItems(bulk.db);
    const fromAppend = await ledgerItems(appended.db);
    expect(sales.length).toBeGreaterThan(50);
    expect(sales.some((s) => s.amountFen < 0) && sales.some((s) => s.organizationId)).toBe(true);
    expect(result.sales).toBe(sales.length);
    expect(fromImport.filter((i) => i.entity === 'Sale')).toHaveLength(sales.length);
    expect(fromImport.filter((i) => i.entity === 'Aggregate')).toHaveLength(result.aggregates);
    expect(fromImport).toEqual(fromAppend);
    expect(await ledgerItems(mixed.db)).toEqual(fromAppend);
    // The in-memory recomputation (what reconcile compares with) is the stored sums, attribute for attribute.
    const key = (item: Record<string, unknown>) => `${String(item.PK)}|${String(item.SK)}`;
    expect(aggregateItemsOf(sales).sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(fromAppend.filter((i) => i.entity === 'Aggregate'));
  }, 60_000);

  it('is seeded once, as its own step, and the pilot village reports +15% and about +¥1,200 per person', async () => {
    // Prepare
    const { deps, db, issuer } = await createTestStack({ clock: manualClock('2026-11-22T02:00:00.000Z') });
    // Act
    await seedDemoData(deps, db);
    const again = await seedDemoHistory(deps, db);
    const marker = await getItem(db, seedMarkerKey());
    const { call } = requestHelpers(createLocalApp(deps, issuer), issuer);
    const villages = (await call('GET', `/api/villages?county=${encodeURIComponent('简阳市')}&limit=100`)).json.items as { villageId: string; name: string }[];
    const tudiao = villages.find((v) => v.name === '土地坳村')!;
    const organizer = { role: 'organizer' as const, accountId: ulidIds().next('account'), displayName: '协调办' };
    const report = await call('GET', `/api/reports/villages/${tudiao.villageId}?year=2026`, { as: organizer });
    const rankings = await call('GET', '/api/reports/rankings?year=2026&month=10', { as: organizer });
    const pairings = await call('GET', '/api/pairings?limit=100', { as: organizer });
    const roll = await call('GET', '/api/weekly-reports?week=2026-W46', { as: organizer });
    // Assess
    expect(again).toBeUndefined();
    expect(marker).toMatchObject({ status: 'complete', historyStatus: 'complete', historyVersion: 1 });
    expect(marker?.historySales).toBeGreaterThan(5_000);
    expect(report.status).toBe(200);
    expect(report.json.comparedThrough).toBe('2026-10');
    expect(report.json.yoyBps).toBeGreaterThanOrEqual(1_300);
    expect(report.json.yoyBps).toBeLessThanOrEqual(1_700);
    expect(report.json.perCapitaIncomeIncreaseFen).toBeGreaterThanOrEqual(108_000);
    expect(report.json.perCapitaIncomeIncreaseFen).toBeLessThanOrEqual(132_000);
    expect(report.json.projectedPerCapitaIncomeIncreaseFen).toBeLessThanOrEqual(132_000);
    expect(Object.keys(report.json.byChannel).sort()).toEqual(['buyback', 'group_buy', 'offline', 'order']);
    expect(rankings.status).toBe(200);
    const growth = rankings.json.villagesByGrowth as { name: string; yoyBps: number | null; bottomThree: boolean }[];
    expect(growth.filter((v) => v.bottomThree).every((v) => v.yoyBps !== null && v.yoyBps < 0)).toBe(true);
    expect(growth.filter((v) => v.bottomThree).length).toBe(3);
    // The programmes' pairings: one per organisation and paired village of the demo data.
    const expectedPairings = demoOrganizations.reduce((n, o) => n + o.pairedVillageRefs.length, 0);
    expect(pairings.json.items).toHaveLength(expectedPairings);
    // Last week's roll call has every state: on time, late (two) and missing (every third pairing).
    const states = (roll.json.items as { status: string }[]).map((line) => line.status);
    expect(states).toHaveLength(expectedPairings);
    expect(states.filter((s) => s === 'late')).toHaveLength(2);
    expect(states.filter((s) => s === 'missing')).toHaveLength(Math.floor(expectedPairings / 3));
    expect(states.filter((s) => s === 'submitted')).toHaveLength(expectedPairings - 2 - Math.floor(expectedPairings / 3));
  }, 180_000);

  it('refuses to import over a history import that was interrupted', async () => {
    // Prepare
    const { deps, db } = await createTestStack({ clock: manualClock('2026-11-22T02:00:00.000Z') });
    await db.doc.send(new UpdateCommand({ TableName: db.tableName, Key: seedMarkerKey(), UpdateExpression: 'SET #s = :c, historyStatus = :started', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':c': 'complete', ':started': 'started' } }));
    // Act
    const attempt = seedDemoData(deps, db);
    // Assess
    await expect(attempt).rejects.toThrow(/history import was interrupted/);
  });
});

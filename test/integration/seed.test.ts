import { describe, expect, it } from 'vitest';
import { demoAccounts, demoGroupBuys, demoOrganizations, demoVillages } from '../../shared/demo/demo-data.js';
import { createLocalApp } from '../../scripts/local/local-app.js';
import { seedDemoData } from '../../scripts/local/seed.js';
import { createTestStack, requestHelpers } from '../support/test-stack.js';

describe('demo data seed', () => {
  it('seeds every village, product, organisation and account once, through the same rules users obey', async () => {
    // Prepare
    const { deps, db, issuer } = await createTestStack();
    // Act
    const first = await seedDemoData(deps, db);
    const second = await seedDemoData(deps, db);
    // Assess
    const productCount = demoVillages.reduce((n, v) => n + v.products.length, 0);
    expect(first).toEqual({
      seeded: true,
      villages: demoVillages.length,
      products: productCount,
      organizations: demoOrganizations.length,
      accounts: demoAccounts.length,
      groupBuys: demoGroupBuys.length,
    });
    expect(second.seeded).toBe(false);
    const app = createLocalApp(deps, issuer);
    const { call } = requestHelpers(app, issuer);
    const open = await call('GET', '/api/group-buys?status=open');
    expect(open.json.items.map((g: { title: string }) => g.title)).toContain('土地坳村林下土鸡 · 水井坊社区团购');
    const villages = await call('GET', '/api/villages?limit=100');
    expect(villages.json.items).toHaveLength(demoVillages.length);
    const jianyang = await call('GET', `/api/villages?county=${encodeURIComponent('简阳市')}&limit=100`);
    expect(jianyang.json.items.map((v: { name: string }) => v.name)).toContain('土地坳村');
    const tudiao = jianyang.json.items.find((v: { name: string }) => v.name === '土地坳村');
    const detail = await call('GET', `/api/villages/${tudiao.villageId}`);
    expect(detail.json.targets[0]).toMatchObject({ year: 2026, perCapitaIncomeIncreaseFen: 120_000, salesGrowthBps: 1_500 });
    const products = await call('GET', `/api/products?villageId=${tudiao.villageId}`);
    const productNames = products.json.items.map((p: { name: string }) => p.name) as string[];
    expect(productNames.some((name) => name.includes('土鸡') && !name.includes('蛋'))).toBe(true);
    expect(productNames).toContain('脆红李');

    // A seeded cooperative signs in and may edit its own village's product, and only those.
    const accounts = (await call('GET', '/api/dev/accounts')).json.items as { accountId: string; role: string; villageId?: string }[];
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(['buyer', 'leader', 'coop', 'organizer']));
    const coop = accounts.find((a) => a.role === 'coop' && a.villageId === tudiao.villageId)!;
    const token = (await call('POST', '/api/dev/sign-in', { body: { accountId: coop.accountId } })).json.token as string;
    const auth = { authorization: `Bearer ${token}` };
    const chicken = products.json.items.find((p: { name: string }) => p.name.includes('土鸡'));
    const own = await call('PATCH', `/api/products/${chicken.productId}`, { body: { priceFen: 15_800 }, headers: auth });
    expect(own.status).toBe(200);
    const elsewhere = (await call('GET', `/api/products?county=${encodeURIComponent('清水县')}&limit=1`)).json.items[0];
    const foreign = await call('PATCH', `/api/products/${elsewhere.productId}`, { body: { priceFen: 1 }, headers: auth });
    expect(foreign.status).toBe(403);
  }, 60_000);
});

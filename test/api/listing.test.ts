import { beforeAll, describe, expect, it } from 'vitest';
import { coopOf, organizer, productInput, villageInput } from '../support/fixtures.js';
import { createTestStack, manualClock, type TestStack } from '../support/test-stack.js';

type Item = { name: string; priceFen: number; productId: string };
const names = (r: { json: { items: Item[] } }) => r.json.items.map((p) => p.name);

describe('browsing products', () => {
  let stack: TestStack;
  const villages: Record<string, string> = {};
  // 2026-11-21 10:00 in Shanghai: walnuts (09-01..10-15) are over, winter bamboo shoots (11-15..02-28) are in.
  const clock = manualClock('2026-11-21T02:00:00.000Z');

  beforeAll(async () => {
    stack = await createTestStack({ clock });
    const office = organizer();
    for (const [ref, name, county] of [
      ['tudiao', '土地坳村', '简阳市'],
      ['songjia', '宋家村', '利州区'],
      ['taishan', '太山村', '利州区'],
    ] as const) {
      villages[ref] = (await stack.call('POST', '/api/villages', { as: office, body: villageInput({ name, county }) })).json.villageId;
    }
    const list = async (ref: string, input: Parameters<typeof productInput>[0]) => {
      clock.advance(1_000);
      const response = await stack.call('POST', `/api/villages/${villages[ref]}/products`, { as: coopOf(villages[ref]!), body: productInput(input) });
      expect(response.status).toBe(201);
    };
    await list('tudiao', { name: '土鸡', category: 'poultry', priceFen: 16_800 });
    await list('tudiao', { name: '脆红李', category: 'fruit', unit: '斤', priceFen: 1_200, harvestWindow: { start: '06-20', end: '08-10' } });
    await list('songjia', { name: '核桃', category: 'nuts', unit: '斤', priceFen: 2_500, harvestWindow: { start: '09-01', end: '10-15' } });
    await list('songjia', { name: '冬笋', category: 'vegetable', unit: '斤', priceFen: 1_800, harvestWindow: { start: '11-15', end: '02-28' } });
    await list('taishan', { name: '香菇', category: 'fungi', unit: '斤', priceFen: 3_000, harvestWindow: { start: '10-01', end: '04-30' } });
    await list('taishan', { name: '木耳', category: 'fungi', unit: '袋', priceFen: 4_500 });
  });

  it('lists every active product newest first', async () => {
    expect(names(await stack.call('GET', '/api/products'))).toEqual(['木耳', '香菇', '冬笋', '核桃', '脆红李', '土鸡']);
  });

  it('sorts cheapest first', async () => {
    const response = await stack.call('GET', '/api/products?sort=cheapest');
    expect(response.json.items.map((p: Item) => p.priceFen)).toEqual([1_200, 1_800, 2_500, 3_000, 4_500, 16_800]);
  });

  it('filters by village, by county and by category, alone and combined', async () => {
    expect(names(await stack.call('GET', `/api/products?villageId=${villages.tudiao}`))).toEqual(['脆红李', '土鸡']);
    expect(names(await stack.call('GET', `/api/products?county=${encodeURIComponent('利州区')}`))).toEqual(['木耳', '香菇', '冬笋', '核桃']);
    expect(names(await stack.call('GET', '/api/products?category=fungi&sort=cheapest'))).toEqual(['香菇', '木耳']);
    expect(names(await stack.call('GET', `/api/products?county=${encodeURIComponent('利州区')}&category=nuts`))).toEqual(['核桃']);
    expect(names(await stack.call('GET', `/api/products?villageId=${villages.taishan}&category=fungi`))).toEqual(['木耳', '香菇']);
    expect(names(await stack.call('GET', `/api/products?villageId=${villages.taishan}&county=${encodeURIComponent('简阳市')}`))).toEqual([]);
  });

  it('keeps only what is in season today in Asia/Shanghai, including windows that wrap the new year', async () => {
    expect(names(await stack.call('GET', '/api/products?inSeason=true'))).toEqual(['木耳', '香菇', '冬笋', '土鸡']);
    // 1 July in Shanghai is still 30 June in UTC at 16:30Z: plums are in season by Beijing time.
    clock.set('2026-06-30T16:30:00.000Z');
    expect(names(await stack.call('GET', '/api/products?inSeason=true&sort=cheapest'))).toEqual(['脆红李', '木耳', '土鸡']);
    clock.set('2026-11-21T02:00:00.000Z');
  });

  it('pages with an opaque cursor, every product exactly once', async () => {
    for (const query of ['sort=newest', 'sort=cheapest', 'inSeason=true', 'inSeason=true&sort=cheapest']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url = `/api/products?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await stack.call('GET', url);
        expect(response.status, url).toBe(200);
        expect(response.json.items.length).toBeLessThanOrEqual(2);
        seen.push(...names(response));
        cursor = response.json.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      const all = names(await stack.call('GET', `/api/products?${query}`));
      expect(seen, query).toEqual(all);
    }
  });

  it('refuses a cursor from another query', async () => {
    const first = await stack.call('GET', '/api/products?limit=1');
    const misused = await stack.call('GET', `/api/products?sort=cheapest&limit=1&cursor=${first.json.nextCursor}`);
    expect(misused.status).toBe(400);
    expect(misused.json.error.field).toBe('cursor');
  });

  it('moves a product between listings when its category or price changes', async () => {
    // Prepare
    const coop = coopOf(villages.tudiao!);
    const created = (await stack.call('POST', `/api/villages/${villages.tudiao}/products`, { as: coop, body: productInput({ name: '花生', category: 'nuts', unit: '斤', priceFen: 900 }) })).json;
    // Act
    await stack.call('PATCH', `/api/products/${created.productId}`, { as: coop, body: { category: 'grain_oil', priceFen: 99_900 } });
    // Assess
    expect(names(await stack.call('GET', '/api/products?category=nuts'))).toEqual(['核桃']);
    expect(names(await stack.call('GET', '/api/products?category=grain_oil'))).toEqual(['花生']);
    const cheapest = names(await stack.call('GET', '/api/products?sort=cheapest'));
    expect(cheapest.at(-1)).toBe('花生');
    await stack.call('PATCH', `/api/products/${created.productId}`, { as: coop, body: { status: 'withdrawn' } });
    expect(names(await stack.call('GET', '/api/products'))).not.toContain('花生');
  });
});

import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../shared/domain/errors.js';
import type { VillageTargets } from '../../../shared/domain/village.js';
import { allPages, freshTable, makeVillage } from './db-fixtures.js';

describe('villages in DynamoDB', () => {
  it('V1: gets a village by id exactly as created, and nothing for an unknown id', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids, { name: '龙泉村', nameEn: 'Longquan Village', storyEn: 'Peach orchards.' });
    const other = makeVillage(ids, { name: '三合村' });
    await repos.villages.create(village);
    await repos.villages.create(other);
    // Act
    const found = await repos.villages.get(village.villageId);
    const missing = await repos.villages.get(ids.next('village'));
    // Assess
    expect(found).toEqual(village);
    expect(missing).toBeUndefined();
    await expect(repos.villages.create(village)).rejects.toBeInstanceOf(ConflictError);
  });

  it('V2: lists the villages of one county only, in GSI1SK (creation) order, across pages with a cursor', async () => {
    // Prepare: five villages in 简阳市, and decoys whose county shares a prefix or contains key separators.
    const { repos, ids } = await freshTable();
    const jianyang = [];
    for (let i = 0; i < 5; i++) {
      const village = makeVillage(ids, { county: '简阳市', name: `简阳村${i}` });
      jianyang.push(village);
      await repos.villages.create(village);
    }
    const decoys = [
      makeVillage(ids, { county: '简阳', name: '前缀村' }),
      makeVillage(ids, { county: '简阳市#X', name: '井号村' }),
      makeVillage(ids, { county: '简阳市/k/fruit', name: '斜杠村' }),
      makeVillage(ids, { county: '蒲江县', name: '蒲江村' }),
    ];
    for (const village of decoys) await repos.villages.create(village);
    // Act
    const { pages, last } = await allPages((cursor) => repos.villages.list({ county: '简阳市', limit: 2, cursor }), (v) => v.villageId);
    const firstPage = await repos.villages.list({ county: '简阳市', limit: 2 });
    const hashCounty = await repos.villages.list({ county: '简阳市#X', limit: 10 });
    const everything = await repos.villages.list({ limit: 100 });
    // Assess
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(jianyang.map((v) => v.villageId));
    expect(last).toBeNull();
    expect(firstPage.items).toEqual(jianyang.slice(0, 2));
    expect(hashCounty.items.map((v) => v.name)).toEqual(['井号村']);
    expect(hashCounty.nextCursor).toBeNull();
    expect(everything.items).toHaveLength(9);
    expect(new Set(everything.items.map((v) => v.villageId)).size).toBe(9);
  });

  it('V3: stores one targets item per year and lists a village’s targets in year order', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    const neighbour = makeVillage(ids, { name: '邻村' });
    await repos.villages.create(village);
    await repos.villages.create(neighbour);
    const targets = (villageId: string, year: number, salesGrowthBps: number): VillageTargets => ({
      villageId,
      year,
      perCapitaIncomeIncreaseFen: 50_000 + year,
      salesGrowthBps,
      salesTargetFen: year === 2025 ? null : 130_000_000,
      updatedAt: '2026-03-01T02:00:00.000Z',
    });
    // Act: 2027 first, 2025 next, then 2026 written twice (the second write replaces the first).
    await repos.villages.putTargets(targets(village.villageId, 2027, 900));
    await repos.villages.putTargets(targets(village.villageId, 2025, 500));
    await repos.villages.putTargets(targets(village.villageId, 2026, 700));
    await repos.villages.putTargets(targets(village.villageId, 2026, 800));
    await repos.villages.putTargets(targets(neighbour.villageId, 2026, 1_500));
    const listed = await repos.villages.listTargets(village.villageId);
    const none = await repos.villages.listTargets(ids.next('village'));
    // Assess
    expect(listed).toEqual([targets(village.villageId, 2025, 500), targets(village.villageId, 2026, 800), targets(village.villageId, 2027, 900)]);
    expect(none).toEqual([]);
    expect(await repos.villages.get(village.villageId)).toEqual(village);
  });

  it('rejects a villages.update from a stale version with ConflictError and keeps the newer write', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const village = makeVillage(ids);
    await repos.villages.create(village);
    const edited = { ...village, name: '新名村', version: 2, updatedAt: '2026-03-02T00:00:00.000Z' };
    await repos.villages.update(edited, 1);
    // Act
    const stale = await repos.villages
      .update({ ...village, story: '过期的编辑', version: 2 }, 1)
      .catch((error: unknown) => error);
    const unknown = await repos.villages.update(makeVillage(ids), 1).catch((error: unknown) => error);
    // Assess
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).field).toBe('If-Match');
    expect(unknown).toBeInstanceOf(ConflictError);
    expect(await repos.villages.get(village.villageId)).toEqual(edited);
  });
});

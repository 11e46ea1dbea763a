import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { freshTable, makeOrganization, makeProduct, makeVillage } from './db-fixtures.js';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
}

function expectCursorError(error: unknown) {
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).field).toBe('cursor');
}

describe('cursors against DynamoDB', () => {
  it('rejects a damaged cursor and a cursor issued for another query with ValidationError on field cursor', async () => {
    // Prepare: enough items that every list below has a second page.
    const { repos, ids } = await freshTable();
    const villages = [makeVillage(ids, { county: '简阳市' }), makeVillage(ids, { county: '简阳市' }), makeVillage(ids, { county: '蒲江县' })];
    for (const village of villages) await repos.villages.create(village);
    const [a] = villages as [ReturnType<typeof makeVillage>];
    for (let i = 0; i < 3; i++) await repos.products.create(makeProduct(ids, a, { category: 'fruit', priceFen: 100 + i }));
    for (let i = 0; i < 3; i++) await repos.organizations.create(makeOrganization(ids, 'community', `社区${i}`));
    const villageCursor = (await repos.villages.list({ county: '简阳市', limit: 1 })).nextCursor ?? undefined;
    const newestCursor = (await repos.products.listActive({ sort: 'newest', limit: 1 })).nextCursor ?? undefined;
    const byVillageCursor = (await repos.products.listByVillage({ villageId: a.villageId, status: 'all', limit: 1 })).nextCursor ?? undefined;
    expect([villageCursor, newestCursor, byVillageCursor].every((c) => typeof c === 'string')).toBe(true);
    const damaged = `${villageCursor!.slice(0, -6)}AAAAAA`;
    // Act
    const errors = {
      damaged: await failure(repos.villages.list({ county: '简阳市', limit: 1, cursor: damaged })),
      garbage: await failure(repos.villages.list({ limit: 1, cursor: 'not-a-cursor' })),
      otherCounty: await failure(repos.villages.list({ county: '蒲江县', limit: 1, cursor: villageCursor })),
      villageForOrganizations: await failure(repos.organizations.list({ limit: 1, cursor: villageCursor })),
      newestForCheapest: await failure(repos.products.listActive({ sort: 'cheapest', limit: 1, cursor: newestCursor })),
      allForInSeason: await failure(repos.products.listActive({ sort: 'newest', inSeasonOn: '01-10', limit: 1, cursor: newestCursor })),
      otherCategory: await failure(repos.products.listActive({ sort: 'newest', category: 'tea', limit: 1, cursor: newestCursor })),
      allForWithdrawn: await failure(repos.products.listByVillage({ villageId: a.villageId, status: 'withdrawn', limit: 1, cursor: byVillageCursor })),
    };
    // Assess
    for (const error of Object.values(errors)) expectCursorError(error);
    const second = await repos.villages.list({ county: '简阳市', limit: 1, cursor: villageCursor });
    expect(second.items.map((v) => v.villageId)).toEqual([villages[1]!.villageId]);
  });

  it('rejects a well-formed cursor whose start key was edited to lie outside the query with ValidationError on field cursor', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    for (let i = 0; i < 3; i++) await repos.villages.create(makeVillage(ids, { county: '简阳市' }));
    const cursor = (await repos.villages.list({ county: '简阳市', limit: 1 })).nextCursor!;
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { q: string; k: Record<string, string> };
    const forge = (k: Record<string, string>) => Buffer.from(JSON.stringify({ q: payload.q, k }), 'utf8').toString('base64url');
    // Act: the query id still matches; only the DynamoDB start key points elsewhere.
    const otherPartition = await failure(repos.villages.list({ county: '简阳市', limit: 1, cursor: forge({ ...payload.k, GSI1PK: 'ORGS' }) }));
    const otherCounty = await failure(repos.villages.list({ county: '简阳市', limit: 1, cursor: forge({ ...payload.k, GSI1SK: 'X#zzz' }) }));
    // Assess: a client-supplied cursor is input, so a bad one is a 400 on `cursor`, never a DynamoDB error (500).
    expectCursorError(otherPartition);
    expectCursorError(otherCounty);
  });
});

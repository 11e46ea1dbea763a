import { describe, expect, it } from 'vitest';
import { getItem } from '../../../shared/db/dynamo.js';
import { exportKey } from '../../../shared/db/keys.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import type { ExportRecord } from '../../../shared/domain/export.js';
import type { IdGenerator } from '../../../shared/domain/ids.js';
import type { Pairing } from '../../../shared/domain/pairing.js';
import type { WeeklyReport } from '../../../shared/domain/weekly-report.js';
import { allPages, freshTable } from './db-fixtures.js';

const AT = '2026-11-21T04:00:00.000Z';

function makePairing(ids: IdGenerator, organizationId: string, villageId: string): Pairing {
  return {
    pairingId: ids.next('pairing'),
    organizationId,
    villageId,
    startDate: '2026-01-01',
    annualTargetFen: 1_000_000,
    organizationName: '玉林社区',
    organizationKind: 'community',
    villageName: '土地坳村',
    county: '简阳市',
    createdAt: AT,
    createdBy: ids.next('account'),
  };
}

describe('pairings (PR1–PR4)', () => {
  it('lists all pairings, a village’s and an organisation’s, one Query each, and refuses a second pairing of the same two', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const [v1, v2] = [ids.next('village'), ids.next('village')];
    const [o1, o2] = [ids.next('organization'), ids.next('organization')];
    const pairings = [makePairing(ids, o1, v1), makePairing(ids, o2, v1), makePairing(ids, o1, v2)];
    for (const pairing of pairings) await repos.pairings.create(pairing);
    // Act
    const duplicate = await repos.pairings.create(makePairing(ids, o1, v1)).catch((error: unknown) => error);
    const all = await allPages((cursor) => repos.pairings.list({ limit: 2, cursor }), (p) => p.pairingId);
    const ofVillage = await repos.pairings.list({ villageId: v1, limit: 10 });
    const ofOrganization = await repos.pairings.list({ organizationId: o1, limit: 10 });
    const ofBoth = await repos.pairings.list({ organizationId: o1, villageId: v2, limit: 10 });
    // Assess
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect(duplicate).toMatchObject({ field: 'villageId' });
    expect(all.pages.flat().sort()).toEqual(pairings.map((p) => p.pairingId).sort());
    expect(ofVillage.items.map((p) => p.pairingId).sort()).toEqual([pairings[0]!.pairingId, pairings[1]!.pairingId].sort());
    expect(ofOrganization.items.map((p) => p.pairingId)).toEqual([pairings[0]!.pairingId, pairings[2]!.pairingId]);
    expect(ofBoth.items.map((p) => p.pairingId)).toEqual([pairings[2]!.pairingId]);
    expect(await repos.pairings.get(pairings[1]!.pairingId)).toEqual(pairings[1]);
    expect((await repos.pairings.listAll()).length).toBe(3);
  });
});

describe('pledges (PL1, PL2)', () => {
  it('replaces a pledge in place and lists every pledge of a year', async () => {
    const { repos, ids } = await freshTable();
    const [o1, o2] = [ids.next('organization'), ids.next('organization')];
    const by = ids.next('account');
    await repos.pledges.put({ organizationId: o1, year: 2026, amountFen: 100, updatedAt: AT, updatedBy: by });
    await repos.pledges.put({ organizationId: o1, year: 2026, amountFen: 250, updatedAt: AT, updatedBy: by });
    await repos.pledges.put({ organizationId: o2, year: 2026, amountFen: 300, updatedAt: AT, updatedBy: by });
    await repos.pledges.put({ organizationId: o2, year: 2027, amountFen: 999, updatedAt: AT, updatedBy: by });
    expect((await repos.pledges.get(o1, 2026))?.amountFen).toBe(250);
    expect(await repos.pledges.get(o1, 2027)).toBeUndefined();
    expect((await repos.pledges.listOfYear(2026)).map((p) => [p.organizationId, p.amountFen]).sort()).toEqual([[o1, 250], [o2, 300]].sort());
  });
});

describe('weekly reports (WR1, WR2) and exports (EX1)', () => {
  it('keeps one report per pairing and week, listed by week', async () => {
    const { repos, ids } = await freshTable();
    const report = (pairingId: string, week: string): WeeklyReport => ({
      weeklyReportId: ids.next('weeklyReport'),
      pairingId,
      organizationId: ids.next('organization'),
      villageId: ids.next('village'),
      week,
      weekStart: '2026-11-15T16:00:00.000Z',
      weekEnd: '2026-11-22T16:00:00.000Z',
      deadline: '2026-11-24T10:00:00.000Z',
      year: 2026,
      weekPurchasesFen: 1,
      ytdPurchasesFen: 2,
      narrative: '本周采购。',
      submittedAt: AT,
      submittedBy: ids.next('account'),
      late: false,
    });
    const [p1, p2] = [ids.next('pairing'), ids.next('pairing')];
    await repos.weeklyReports.create(report(p1, '2026-W47'));
    await repos.weeklyReports.create(report(p2, '2026-W47'));
    await repos.weeklyReports.create(report(p1, '2026-W46'));
    await expect(repos.weeklyReports.create(report(p1, '2026-W47'))).rejects.toMatchObject({ field: 'week' });
    expect((await repos.weeklyReports.listOfWeek('2026-W47')).map((r) => r.pairingId).sort()).toEqual([p1, p2].sort());
    expect((await repos.weeklyReports.get(p1, '2026-W46'))?.week).toBe('2026-W46');
  });

  it('stores an export with a TTL at its file’s expiry, so DynamoDB removes the record with the file', async () => {
    const { db, repos, ids } = await freshTable();
    const record: ExportRecord = {
      exportId: ids.next('export'),
      request: { kind: 'rankings', year: 2026, month: 10 },
      objectKey: 'exports/x.csv',
      filename: 'rankings-2026-10.csv',
      rowCount: 4,
      createdAt: AT,
      createdBy: ids.next('account'),
      fileExpiresAt: '2026-11-28T04:00:00.000Z',
    };
    await repos.exports.create(record);
    expect(await repos.exports.get(record.exportId)).toEqual(record);
    expect((await getItem(db, exportKey(record.exportId)))?.expiresAt).toBe(Date.parse('2026-11-28T04:00:00.000Z') / 1000);
  });
});

describe('many villages’ targets of a year (V3′)', () => {
  it('reads the targets of more villages than one BatchGetItem holds, skipping villages without', async () => {
    const { repos, ids } = await freshTable();
    const villageIds = Array.from({ length: 130 }, () => ids.next('village'));
    for (const [i, villageId] of villageIds.entries()) {
      if (i % 3 === 0) continue;
      await repos.villages.putTargets({ villageId, year: 2026, perCapitaIncomeIncreaseFen: i, salesGrowthBps: 0, salesTargetFen: i * 100, updatedAt: AT });
    }
    await repos.villages.putTargets({ villageId: villageIds[0]!, year: 2025, perCapitaIncomeIncreaseFen: 1, salesGrowthBps: 0, salesTargetFen: 1, updatedAt: AT });
    const targets = await repos.villageTargets.ofYear(villageIds, 2026);
    expect(targets.map((t) => t.villageId).sort()).toEqual(villageIds.filter((_, i) => i % 3 !== 0).sort());
    expect(targets.every((t) => t.year === 2026)).toBe(true);
  });
});

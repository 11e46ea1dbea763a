import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, manualClock, type TestStack } from '../../support/test-stack.js';
import { appendSales, office, organizationWithLeader, saleOf, villageWithProduct, type TestVillage } from './support.js';

/** Week 47 of 2026 runs Monday 16 to Sunday 22 November (Beijing time); its reports are due Tuesday 24th, 18:00. */
const WEEK = '2026-W47';
const SUNDAY_23H = '2026-11-22T15:00:00.000Z';
const TUESDAY_17_59_59 = '2026-11-24T09:59:59.000Z';
const TUESDAY_18_00_00 = '2026-11-24T10:00:00.000Z';

type Org = Awaited<ReturnType<typeof organizationWithLeader>>;

describe('weekly reports', () => {
  let stack: TestStack;
  let clock: ReturnType<typeof manualClock>;
  let village: TestVillage;
  let otherVillage: TestVillage;
  let yulin: Org;
  let bank: Org;
  let bookshop: Org;
  let latecomer: Org;
  const pairings: Record<string, string> = {};

  const pair = async (org: Org, v: TestVillage, startDate: string) =>
    (await stack.call('POST', '/api/pairings', { as: office, body: { organizationId: org.organizationId, villageId: v.villageId, startDate, annualTargetFen: 1_000_000 } })).json.pairingId as string;

  beforeAll(async () => {
    clock = manualClock(SUNDAY_23H);
    stack = await createTestStack({ clock });
    village = await villageWithProduct(stack, { name: '土地坳村' });
    otherVillage = await villageWithProduct(stack, { name: '高桥村' });
    yulin = await organizationWithLeader(stack, '玉林社区');
    bank = await organizationWithLeader(stack, '成都银行', 'enterprise');
    bookshop = await organizationWithLeader(stack, '新华书店', 'public_unit');
    latecomer = await organizationWithLeader(stack, '望江社区');
    pairings.yulin = await pair(yulin, village, '2026-01-01');
    pairings.bank = await pair(bank, village, '2026-06-01');
    // Starts on the week's last day: due for this week. The latecomer starts the day after: not due.
    pairings.bookshop = await pair(bookshop, otherVillage, '2026-11-22');
    pairings.latecomer = await pair(latecomer, otherVillage, '2026-11-23');
    const yulinBuys = (amountFen: number, occurredAt: string, villageId = village.villageId) => saleOf({ villageId, amountFen, occurredAt, organizationId: yulin.organizationId });
    await appendSales(stack, [
      yulinBuys(1_000, '2026-11-16T00:00:00+08:00'),
      yulinBuys(2_000, '2026-11-22T23:59:59+08:00'),
      yulinBuys(4_000, '2026-11-23T00:00:00+08:00'),
      yulinBuys(8_000, '2026-11-15T23:59:59+08:00'),
      yulinBuys(16_000, '2026-03-10T10:00:00+08:00'),
      yulinBuys(32_000, '2026-11-18T10:00:00+08:00', otherVillage.villageId),
      yulinBuys(64_000, '2025-12-31T23:59:59+08:00'),
      yulinBuys(256, '2026-01-01T00:00:00+08:00'),
      saleOf({ villageId: village.villageId, amountFen: 128_000, occurredAt: '2026-11-18T10:00:00+08:00', organizationId: bank.organizationId }),
    ]);
  });

  const submit = (org: Org, pairingId: string, body: Record<string, unknown> = { week: WEEK, narrative: '本周组织职工食堂采购土鸡两批。' }, headers: Record<string, string> = {}) =>
    stack.call('POST', `/api/pairings/${pairingId}/weekly-reports`, { as: org.leader, body, headers });

  it('refuses a report on a week that has not ended', async () => {
    const early = await submit(yulin, pairings.yulin!);
    expect([early.status, early.json.error.field]).toEqual([400, 'week']);
  });

  it('accepts a report at 17:59:59 on Tuesday as on time, with the week and year figures taken from the ledger', async () => {
    // Prepare
    clock.set(TUESDAY_17_59_59);
    // Act
    const draft = await stack.call('GET', `/api/pairings/${pairings.yulin}/weekly-reports/draft?week=${WEEK}`, { as: yulin.leader });
    const report = await submit(yulin, pairings.yulin!, { week: WEEK, narrative: '=本周组织职工食堂采购土鸡两批。', weekPurchasesFen: 999_999_999 });
    const honest = await submit(yulin, pairings.yulin!);
    // Assess: the week holds the sales at Monday 00:00:00 and Sunday 23:59:59 only; the year adds 15 Nov and March.
    expect(draft.json).toMatchObject({ week: WEEK, weekPurchasesFen: 3_000, ytdPurchasesFen: 27_256, year: 2026, deadline: TUESDAY_18_00_00 });
    expect([report.status, report.json.error.field]).toEqual([400, 'weekPurchasesFen']);
    expect(honest.status).toBe(201);
    expect(honest.json).toMatchObject({
      week: WEEK,
      weekStart: '2026-11-15T16:00:00.000Z',
      weekEnd: '2026-11-22T16:00:00.000Z',
      weekPurchasesFen: 3_000,
      ytdPurchasesFen: 27_256,
      late: false,
      submittedAt: TUESDAY_17_59_59,
      organizationId: yulin.organizationId,
      villageId: village.villageId,
    });
    expect(honest.json.weeklyReportId).toMatch(/^wr_[0-9A-Z]{26}$/);
  });

  it('lists each due pairing of the week with its status for organizers, before and after the deadline', async () => {
    // Prepare: still 17:59:59.
    clock.set(TUESDAY_17_59_59);
    const before = await stack.call('GET', `/api/weekly-reports?week=${WEEK}`, { as: office });
    // Act: at 18:00:00 the bank reports, late; the bookshop never does.
    clock.set(TUESDAY_18_00_00);
    const late = await submit(bank, pairings.bank!);
    const all = await stack.call('GET', `/api/weekly-reports?week=${WEEK}`, { as: office });
    const byStatus = async (status: string) =>
      (await stack.call('GET', `/api/weekly-reports?week=${WEEK}&status=${status}`, { as: office })).json.items.map((line: { organizationName: string }) => line.organizationName);
    // Assess
    const statuses = (list: { json: { items: { organizationName: string; status: string }[] } }) => list.json.items.map((line) => [line.organizationName, line.status]);
    expect(statuses(before)).toEqual([
      ['成都银行', 'due'],
      ['新华书店', 'due'],
      ['玉林社区', 'submitted'],
    ]);
    expect(late.status).toBe(201);
    expect(late.json).toMatchObject({ late: true, weekPurchasesFen: 128_000 });
    expect(statuses(all)).toEqual([
      ['成都银行', 'late'],
      ['新华书店', 'missing'],
      ['玉林社区', 'submitted'],
    ]);
    expect(all.json.deadline).toBe(TUESDAY_18_00_00);
    expect(await byStatus('late')).toEqual(['成都银行']);
    expect(await byStatus('missing')).toEqual(['新华书店']);
    expect(await byStatus('submitted')).toEqual(['玉林社区']);
  });

  it('takes one report per pairing and week, replaying a retry with the same Idempotency-Key', async () => {
    clock.set(TUESDAY_18_00_00);
    const week46 = { week: '2026-W46', narrative: '补交上周报告。' };
    const headers = { 'idempotency-key': 'weekly-report-w46-1' };
    const [first, retry] = await Promise.all([submit(yulin, pairings.yulin!, week46, headers), submit(yulin, pairings.yulin!, week46, headers)]);
    const again = await submit(yulin, pairings.yulin!);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.json.weeklyReportId).toBe(first.json.weeklyReportId);
    expect(first.json.late).toBe(true);
    expect([again.status, again.json.error.field]).toEqual([409, 'week']);
  });

  it("fills in a year's first ISO week, which starts in December, with only January in its year to date", async () => {
    const draft = await stack.call('GET', `/api/pairings/${pairings.yulin}/weekly-reports/draft?week=2026-W01`, { as: office });
    expect(draft.json).toMatchObject({ year: 2026, weekPurchasesFen: 64_256, ytdPurchasesFen: 256 });
  });

  it('refuses weeks that do not exist or predate the pairing, and anyone but the pairing’s organisation', async () => {
    clock.set(TUESDAY_18_00_00);
    const noSuchWeek = await submit(yulin, pairings.yulin!, { week: '2025-W53', narrative: 'x' });
    const beforeStart = await submit(latecomer, pairings.latecomer!);
    const otherOrg = await submit(bank, pairings.yulin!);
    const byOrganizer = await stack.call('POST', `/api/pairings/${pairings.bookshop}/weekly-reports`, { as: office, body: { week: WEEK, narrative: 'x' } });
    const listByLeader = await stack.call('GET', `/api/weekly-reports?week=${WEEK}`, { as: yulin.leader });
    const listByCoop = await stack.call('GET', `/api/weekly-reports?week=${WEEK}`, { as: village.coop });
    const draftByOther = await stack.call('GET', `/api/pairings/${pairings.yulin}/weekly-reports/draft?week=${WEEK}`, { as: bank.leader });
    expect([noSuchWeek.status, noSuchWeek.json.error.field]).toEqual([400, 'week']);
    expect([beforeStart.status, beforeStart.json.error.field]).toEqual([400, 'week']);
    expect([otherOrg.status, byOrganizer.status, listByLeader.status, listByCoop.status, draftByOther.status]).toEqual([403, 403, 403, 403, 403]);
  });
});

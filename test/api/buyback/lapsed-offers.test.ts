import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDueWork } from '../../../shared/domain/use-cases/scheduler.js';
import { createSyncedStack, type SyncedStack } from '../orders/support.js';
import { buybackWorld, detail, offerBody, type BuybackWorld } from './support.js';

const START = '2026-11-18T04:00:00.000Z';

/**
 * An offer the cooperative never decided lapses at the moment an accepted guarantee would close: 00:00
 * Asia/Shanghai after the window's last day (16:00 UTC that day), through the same scheduler run.
 */
describe('buyback offers nobody decided', () => {
  let stack: SyncedStack;
  let world: BuybackWorld;

  beforeAll(async () => {
    stack = await createSyncedStack(START);
    world = await buybackWorld(stack);
  });

  afterAll(() => {
    vi.useRealTimers();
  });

  async function offer(end: string): Promise<string> {
    const offered = await stack.call('POST', '/api/buyback-guarantees', { as: world.leader, body: offerBody(world, { window: { start: '2026-11-01', end } }) });
    expect(offered.status, JSON.stringify(offered.json)).toBe(201);
    return offered.json.guaranteeId;
  }
  const decide = (guaranteeId: string, decision: 'accept' | 'decline') => stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/${decision}`, { as: world.coop });
  const status = async (guaranteeId: string) => (await detail(stack, world.organizer, guaranteeId)).status;

  it('undecided at 23:59:59.999 Beijing time it may still be accepted; from 00:00:00 neither decision is taken, and the run that closes accepted guarantees marks it lapsed', async () => {
    // Prepare: window 1–30 November; one offer accepted at the last millisecond, one declined, one left alone, one whose window runs on
    stack.setTime(START);
    const acceptedLast = await offer('2026-11-30');
    const declined = await offer('2026-11-30');
    const undecided = await offer('2026-11-30');
    const runsOn = await offer('2026-12-31');
    await decide(declined, 'decline');
    stack.setTime('2026-11-30T15:59:59.999Z');
    const lastMillisecond = await decide(acceptedLast, 'accept');
    const notYet = await runDueWork(stack.deps);
    const stillOffered = await status(undecided);
    // Act: midnight in Beijing
    stack.setTime('2026-11-30T16:00:00.000Z');
    const acceptAtMidnight = await decide(undecided, 'accept');
    const declineAtMidnight = await decide(undecided, 'decline');
    const beforeRun = await status(undecided);
    const due = await runDueWork(stack.deps);
    const lapsed = await detail(stack, world.coop, undecided);
    const acceptLapsed = await decide(undecided, 'accept');
    stack.advance(60_000);
    const again = await runDueWork(stack.deps);
    // Assess
    expect(lastMillisecond.status).toBe(200);
    expect(notYet).toMatchObject({ closedGuarantees: 0, lapsedOffers: 0 });
    expect(stillOffered).toBe('offered');
    expect([acceptAtMidnight.status, acceptAtMidnight.json.error.field]).toEqual([409, 'guaranteeId']);
    expect([declineAtMidnight.status, declineAtMidnight.json.error.field]).toEqual([409, 'guaranteeId']);
    expect(beforeRun).toBe('offered');
    expect(due).toMatchObject({ closedGuarantees: 1, lapsedOffers: 1 });
    expect(lapsed).toMatchObject({ status: 'lapsed', closedAt: '2026-11-30T16:00:00.000Z', updatedAt: '2026-11-30T16:00:00.000Z', breach: null });
    expect(lapsed.decidedAt).toBeUndefined();
    expect(lapsed.termsHistory.map((t: { version: number; status: string }) => [t.version, t.status])).toEqual([[1, 'lapsed']]);
    expect([acceptLapsed.status, acceptLapsed.json.error.field]).toEqual([409, 'guaranteeId']);
    expect(acceptLapsed.json.error.message).toContain('lapsed');
    expect(again).toMatchObject({ closedGuarantees: 0, lapsedOffers: 0 });
    expect((await detail(stack, world.coop, undecided)).updatedAt).toBe('2026-11-30T16:00:00.000Z');
    expect([await status(acceptedLast), await status(declined), await status(runsOn)]).toEqual(['closed', 'declined', 'offered']);
  });

  it('lists filter by the new status for every role that sees the offer; a lapsed offer commits nobody, so totals leave it out', async () => {
    // Prepare: an offer for 1–20 November, left undecided past its end
    stack.setTime(START);
    const guaranteeId = await offer('2026-11-20');
    stack.setTime('2026-11-20T16:00:00.000Z');
    await runDueWork(stack.deps);
    const list = (as: typeof world.coop, query: string) => stack.call('GET', `/api/buyback-guarantees${query}`, { as });
    // Act
    const asOrganizer = await list(world.organizer, '?status=lapsed');
    const asCoop = await list(world.coop, '?status=lapsed');
    const asLeader = await list(world.leader, `?status=lapsed&organizationId=${world.organizationId}`);
    const asOtherCoop = await list(world.otherCoop, '?status=lapsed');
    const offered = await list(world.organizer, '?status=offered');
    const misspelt = await list(world.organizer, '?status=expired');
    // Assess
    const ids = (response: { json: { items: { guaranteeId: string }[] } }) => response.json.items.map((g) => g.guaranteeId);
    expect(asOrganizer.status).toBe(200);
    expect(ids(asOrganizer)).toContain(guaranteeId);
    expect(asOrganizer.json.items.every((g: { status: string }) => g.status === 'lapsed')).toBe(true);
    expect(asOrganizer.json.totals).toMatchObject({ guarantees: 0, committedQuantity: 0, committedValueFen: 0 });
    expect(ids(asCoop)).toContain(guaranteeId);
    expect(ids(asLeader)).toContain(guaranteeId);
    expect(ids(asOtherCoop)).toEqual([]);
    expect(ids(offered)).not.toContain(guaranteeId);
    expect([misspelt.status, misspelt.json.error.field]).toEqual([400, 'status']);
  });
});

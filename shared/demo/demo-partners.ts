import type { Actor } from '../domain/actor.js';
import type { Deps } from '../domain/ports.js';
import { yearInShanghai } from '../domain/season.js';
import { createPairing, listPairings } from '../domain/use-cases/pairings.js';
import { setPledge } from '../domain/use-cases/pledges.js';
import { submitWeeklyReport } from '../domain/use-cases/weekly-reports.js';
import { isoWeekOf, weekBounds } from '../domain/weekly-report.js';
import type { OrganizationKind } from '../domain/organization.js';
import { demoOrganizations } from './demo-data.js';

/**
 * The programmes' pairings (城乡结对) and pledges, as the demo organisations' `pairedVillageRefs` record them:
 * each 成都 community with its pilot village, 成都市家禽产业协会 with all ten pilot villages, the 清水县 pairing plan's
 * organisations with their villages, 利州区's public units with theirs. Joint purchase targets and pledges are
 * invented, sized to what each kind of partner buys in the demo history.
 */
const ANNUAL_TARGET_FEN: Record<OrganizationKind, number> = {
  community: 15_000_000, // ¥150,000 a year between one community and its village
  social_organization: 30_000_000,
  enterprise: 50_000_000,
  public_unit: 20_000_000,
};

/** Pledges (认购承诺) are what public units and enterprises promise for the year of seeding. */
const PLEDGE_FEN: Partial<Record<OrganizationKind, number>> = {
  public_unit: 60_000_000,
  enterprise: 120_000_000,
  social_organization: 80_000_000,
};

export interface DemoPartnerIds {
  villageIds: Map<string, string>;
  organizationIds: Map<string, string>;
}

/** Pairings since the start of the history's first year, and this year's pledges. Returns how many pairings. */
export async function seedDemoPartners(deps: Deps, ids: DemoPartnerIds): Promise<number> {
  const organizer: Actor = { role: 'organizer', accountId: deps.ids.next('account'), displayName: '演示数据' };
  const year = yearInShanghai(deps.clock.now());
  let pairings = 0;
  for (const demo of demoOrganizations) {
    const organizationId = ids.organizationIds.get(demo.ref);
    if (!organizationId) continue;
    for (const villageRef of demo.pairedVillageRefs) {
      const villageId = ids.villageIds.get(villageRef);
      if (!villageId) continue;
      await createPairing(deps, organizer, {
        organizationId,
        villageId,
        startDate: `${year - 2}-01-01`,
        annualTargetFen: ANNUAL_TARGET_FEN[demo.input.kind],
      });
      pairings++;
    }
    const pledge = PLEDGE_FEN[demo.input.kind];
    if (pledge) await setPledge(deps, organizer, { organizationId, year, pledge: { amountFen: pledge } });
  }
  return pairings;
}

/**
 * Last week's reports, so that the organizers' roll call has all three states: most pairings reported on time
 * (Tuesday morning), two reported after the 18:00 deadline, the rest are missing. Submitted with the clock set
 * to those moments, after the sales history exists, so that the figures they carry come from the ledger.
 */
export async function seedDemoWeeklyReports(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const lastWeek = isoWeekOf(new Date(weekBounds(isoWeekOf(now)).start.getTime() - 1));
  const { deadline } = weekBounds(lastWeek);
  if (deadline.getTime() > now.getTime()) return 0;
  const onTime = new Date(deadline.getTime() - 8 * 60 * 60 * 1000); // Tuesday 10:00
  const late = new Date(deadline.getTime() + 15 * 60 * 60 * 1000); // Wednesday 09:00
  const organizer: Actor = { role: 'organizer', accountId: deps.ids.next('account'), displayName: '演示数据' };
  const all = [];
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await listPairings(deps, organizer, { limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  }
  let submitted = 0;
  for (const [index, pairing] of all.entries()) {
    // Every third pairing has not reported; two of the others reported late.
    if (index % 3 === 2) continue;
    const at = submitted < 2 ? late : onTime;
    const leader: Actor = { role: 'leader', accountId: deps.ids.next('account'), displayName: pairing.organizationName, organizationId: pairing.organizationId };
    await submitWeeklyReport({ ...deps, clock: { now: () => at } }, leader, {
      pairingId: pairing.pairingId,
      report: {
        week: lastWeek,
        narrative: `${pairing.organizationName}与${pairing.villageName}本周继续开展消费帮扶：组织职工和居民团购当季农产品，协调冷链配送，下周将对接节日福利采购。`,
      },
    });
    submitted++;
  }
  return submitted;
}

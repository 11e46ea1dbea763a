import { tz } from '@date-fns/tz';
import { addDays, addHours, parseISO } from 'date-fns';
import type { Actor } from '../domain/actor.js';
import { dayInShanghai, isoWeekOf, type GuaranteeDetail } from '../domain/buyback.js';
import type { Deps } from '../domain/ports.js';
import { PROGRAMME_TIME_ZONE } from '../domain/season.js';
import { closeGuarantee } from '../domain/use-cases/buyback/closing.js';
import { acceptDelivery, recordDelivery, rejectDelivery } from '../domain/use-cases/buyback/deliveries.js';
import { setMarketPrice } from '../domain/use-cases/buyback/market-prices.js';
import { createSettlement } from '../domain/use-cases/buyback/settlements.js';
import { decideOffer, offerGuarantee } from '../domain/use-cases/buyback/terms.js';
import { handlePaymentEvent } from '../domain/use-cases/payment-events.js';
import { demoAccounts } from './demo-data.js';

/**
 * Demo buyback guarantees (保价回购), after the 成都市家禽产业协会's promise to the pilot villages: chicks handed out,
 * the harvest bought back at a protected price. Dates are relative to the day of seeding, so the active guarantee
 * is active whenever the demo starts. Floor and market prices are invented but in line with the demo's list prices.
 */
export interface DemoDelivery {
  daysAgo: number;
  quantity: number;
  grade: string;
  note: string;
  /** The organizers' market price for that delivery's ISO week; none means the product's list price applies. */
  marketPriceFen?: number;
  decision: 'accept' | { reject: string } | 'undecided';
  /** Paid in the demo's settlement (accepted deliveries only). */
  paid?: boolean;
}

export interface DemoGuarantee {
  ref: string;
  leaderRef: string;
  coopRef: string;
  villageRef: string;
  productRef: string;
  /** Days relative to seeding; negative is in the past. The window ends inclusive of its last day. */
  window: { start: number; end: number };
  floorPriceFen: number;
  committedQuantity: number;
  maximumQuantity: number;
  acceptedGrades: string[];
  deliveryPlace: string;
  /** False leaves the offer for the cooperative to decide in the demo. */
  accepted: boolean;
  deliveries: DemoDelivery[];
  /** The market price entered for the ISO week of the window's last day (the breach reference). */
  closingMarketPriceFen?: number;
}

export const demoGuarantees: DemoGuarantee[] = [
  {
    ref: 'bbg-tudiao-chicken-2026',
    leaderRef: 'leader-poultry-association',
    coopRef: 'coop-tudiao',
    villageRef: 'tudiao',
    productRef: 'tudiao-chicken',
    window: { start: -60, end: 120 },
    floorPriceFen: 15_000,
    committedQuantity: 3_000,
    maximumQuantity: 3_600,
    acceptedGrades: ['一级', '二级'],
    deliveryPlace: '简阳市禾丰镇 成都市家禽产业协会收购点',
    accepted: true,
    deliveries: [
      { daysAgo: 50, quantity: 400, grade: '一级', note: '第一批出栏，平均约3.1斤', marketPriceFen: 14_500, decision: 'accept', paid: true },
      { daysAgo: 36, quantity: 350, grade: '一级', note: '第二批出栏', marketPriceFen: 15_000, decision: 'accept', paid: true },
      { daysAgo: 21, quantity: 500, grade: '二级', note: '第三批出栏，节前行情看涨', marketPriceFen: 16_200, decision: 'accept' },
      { daysAgo: 10, quantity: 300, grade: '一级', note: '第四批出栏', decision: 'accept' },
      { daysAgo: 5, quantity: 60, grade: '二级', note: '补交一批', decision: { reject: '抽检20只中6只体重不足2.5斤，本批退回' } },
      { daysAgo: 2, quantity: 280, grade: '一级', note: '第五批出栏', decision: 'undecided' },
    ],
  },
  {
    ref: 'bbg-shuangshi-chicken-2025',
    leaderRef: 'leader-poultry-association',
    coopRef: 'coop-shuangshi',
    villageRef: 'shuangshi',
    productRef: 'shuangshi-chicken',
    window: { start: -200, end: -110 },
    floorPriceFen: 15_000,
    committedQuantity: 800,
    maximumQuantity: 1_000,
    acceptedGrades: ['一级', '二级'],
    deliveryPlace: '简阳市 成都市家禽产业协会收购点',
    accepted: true,
    deliveries: [
      { daysAgo: 190, quantity: 300, grade: '一级', note: '首批出栏', marketPriceFen: 15_500, decision: 'accept', paid: true },
      { daysAgo: 160, quantity: 250, grade: '一级', note: '第二批出栏', marketPriceFen: 14_000, decision: 'accept', paid: true },
      { daysAgo: 130, quantity: 300, grade: '二级', note: '第三批出栏', decision: { reject: '协会冷库已满，暂停收购' } },
    ],
    closingMarketPriceFen: 13_000,
  },
  {
    ref: 'bbg-tudiao-plums-offer',
    leaderRef: 'leader-tianfu-supply-chain',
    coopRef: 'coop-tudiao',
    villageRef: 'tudiao',
    productRef: 'tudiao-plums',
    window: { start: 20, end: 80 },
    floorPriceFen: 1_000,
    committedQuantity: 2_000,
    maximumQuantity: 3_000,
    acceptedGrades: ['特级', '一级'],
    deliveryPlace: '土地坳村村委会 冷链集货点',
    accepted: false,
    deliveries: [],
  },
];

/** What the seed made before this step: ids by the demo data's refs. */
export interface DemoIds {
  accountIds: Map<string, string>;
  villageIds: Map<string, string>;
  organizationIds: Map<string, string>;
  /** Keyed `<villageRef>/<productRef>`. */
  productIds: Map<string, string>;
}

const shanghai = tz(PROGRAMME_TIME_ZONE);

/**
 * Seeds the demo guarantees through the use cases people call, each step at the moment it would have happened:
 * the use cases run with a clock set to that day (so every window rule holds as it did then). The payment of the
 * settlement is applied by the same payment-event use case the webhook runs, with an event id of its own.
 */
export async function seedDemoBuyback(deps: Deps, ids: DemoIds): Promise<number> {
  const now = deps.clock.now();
  const today = dayInShanghai(now);
  /** Noon (plus `hours`) Beijing time, `days` from today. */
  const at = (days: number, hours = 0) => addHours(parseISO(dayOf(days), { in: shanghai }), 12 + hours);
  const dayOf = (days: number) => dayInShanghai(addDays(parseISO(today, { in: shanghai }), days, { in: shanghai }));
  const when = (instant: Date): Deps => ({ ...deps, clock: { now: () => new Date(instant) } });
  const organizer = actorOf('organizer-jianyang', ids);

  for (const demo of demoGuarantees) {
    const leader = actorOf(demo.leaderRef, ids);
    const coop = actorOf(demo.coopRef, ids);
    const productId = required(ids.productIds, `${demo.villageRef}/${demo.productRef}`);
    const offerDay = Math.min(demo.window.start, 0) - 3;
    const offered: GuaranteeDetail = await offerGuarantee(when(at(offerDay)), leader, {
      villageId: required(ids.villageIds, demo.villageRef),
      productId,
      window: { start: dayOf(demo.window.start), end: dayOf(demo.window.end) },
      floorPriceFen: demo.floorPriceFen,
      committedQuantity: demo.committedQuantity,
      maximumQuantity: demo.maximumQuantity,
      acceptedGrades: demo.acceptedGrades,
      deliveryPlace: demo.deliveryPlace,
    });
    const guaranteeId = offered.guaranteeId;
    if (!demo.accepted) continue;
    await decideOffer(when(at(offerDay + 1)), coop, { guaranteeId, decision: 'accept' });

    const paid: string[] = [];
    for (const delivery of demo.deliveries) {
      const deliveredOn = dayOf(-delivery.daysAgo);
      if (delivery.marketPriceFen) {
        await setMarketPrice(when(at(-delivery.daysAgo, -4)), organizer, { productId, isoWeek: isoWeekOf(deliveredOn), price: { priceFen: delivery.marketPriceFen } });
      }
      const recorded = await recordDelivery(when(at(-delivery.daysAgo)), coop, {
        guaranteeId,
        delivery: { quantity: delivery.quantity, grade: delivery.grade, deliveredOn, note: delivery.note },
      });
      const decideAt = when(at(-delivery.daysAgo, 3));
      if (delivery.decision === 'accept') {
        await acceptDelivery(decideAt, leader, { guaranteeId, deliveryId: recorded.deliveryId });
        if (delivery.paid) paid.push(recorded.deliveryId);
      } else if (delivery.decision !== 'undecided') {
        await rejectDelivery(decideAt, leader, { guaranteeId, deliveryId: recorded.deliveryId, rejection: { reason: delivery.decision.reject } });
      }
    }

    if (paid.length > 0) {
      const lastPaid = Math.min(...demo.deliveries.filter((d) => d.paid).map((d) => d.daysAgo));
      const paidAt = at(-lastPaid + 2);
      const { settlement } = await createSettlement(when(paidAt), leader, { guaranteeId, settlement: { deliveryIds: paid } });
      await handlePaymentEvent(when(addHours(paidAt, 1)), {
        eventId: `evt_seed_${settlement.settlementId}`,
        kind: 'succeeded',
        paymentId: settlement.paymentId,
        orderId: settlement.settlementId,
        amountFen: settlement.amountFen,
        method: 'alipay',
        occurredAt: addHours(paidAt, 1),
      });
    }

    if (demo.closingMarketPriceFen) {
      const isoWeek = isoWeekOf(dayOf(demo.window.end));
      await setMarketPrice(when(at(demo.window.end, -2)), organizer, { productId, isoWeek, price: { priceFen: demo.closingMarketPriceFen } });
    }
    // The scheduler closes it within a minute of starting anyway; closing it here makes the seeded state complete.
    if (demo.window.end < 0) await closeGuarantee(deps, guaranteeId);
  }
  return demoGuarantees.length;
}

function actorOf(ref: string, ids: DemoIds): Actor {
  const account = demoAccounts.find((a) => a.ref === ref);
  if (!account) throw new Error(`Demo buyback data refers to unknown account ${ref}`);
  const accountId = required(ids.accountIds, ref);
  const { displayName } = account;
  switch (account.role) {
    case 'coop':
      return { role: 'coop', accountId, displayName, villageId: required(ids.villageIds, account.villageRef ?? '') };
    case 'leader':
      return { role: 'leader', accountId, displayName, organizationId: required(ids.organizationIds, account.organizationRef ?? '') };
    case 'organizer':
      return { role: 'organizer', accountId, displayName };
    default:
      throw new Error(`Demo account ${ref} takes no part in guarantees`);
  }
}

function required(ids: Map<string, string>, ref: string): string {
  const id = ids.get(ref);
  if (!id) throw new Error(`Demo buyback data refers to unknown ref ${ref}`);
  return id;
}

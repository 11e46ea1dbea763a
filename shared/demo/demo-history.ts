import { TZDate } from '@date-fns/tz';
import { applyBasisPoints } from '../domain/money.js';
import { ProductInput, type HarvestWindow, type ProductCategory, type ProductUnit } from '../domain/product.js';
import { withHouseholdShare, type Sale, type SaleChannel } from '../domain/sale.js';
import { PROGRAMME_TIME_ZONE, isInSeason } from '../domain/season.js';
import { demoOrganizations, demoVillages, type DemoVillage } from './demo-data.js';

/**
 * The demo ledger's history: every demo village's sales from 1 January two years before the seed clock's year
 * up to the day before "today", generated from the programme documents' shape (what each village grows and
 * when, who is paired with whom, who guarantees a buy-back price) by a seeded PRNG, so every seed of the same
 * day writes the same records.
 *
 * Calibration, relative to the seed clock's year Y (Y = 2026 for the demo's targets):
 * - Y−1 is the villages' baseline year: its ledger total equals `baseline.salesFen` for every village that sold
 *   all year, except 土地坳村 (below). Y−2 exists so that Y−1 has a year-on-year figure of its own.
 * - Y's whole months so far grow by the village's rate over the same months of Y−1 (the reports' year on year);
 *   rates vary, some are negative, and two Qingshui villages only joined the platform during Y−1, so rankings
 *   have a top, a bottom three and newcomers.
 * - Amounts are whole units at integer-fen prices (list price by year and channel); the monthly plans they are
 *   drawn against are only targets, so every stored amount is an integer number of fen.
 * - 土地坳村 is the 成都 pilot's reported outcome: sales +15% year on year and households +¥1,200 per person, as
 *   the village report computes them (shared/domain/reports.ts): growth over whole months (January to the last
 *   month that has ended) against the same months of Y−1, and per-capita income increase = this year's household
 *   share (`householdFen`) ÷ population. ¥1,200 for 2,031 people is ¥2.44 million reaching households in a year,
 *   about ¥2.2 million of sales in Y−1, which is the village's `baseline.salesFen` in demo-data.ts. The ledger
 *   is calibrated to the programme's figures (see `calibratedLevelFen`), not to that baseline.
 */

/** Ids of the seeded records the history refers to; refs that resolve to nothing are left out. */
export interface DemoHistoryIds {
  village(ref: string): string | undefined;
  product(villageRef: string, productRef: string): string | undefined;
  organization(ref: string): string | undefined;
  /** The cooperative account that entered a village's offline sales. */
  coopAccount?(villageRef: string): string | undefined;
  /** Accounts that placed the consumer orders; empty leaves `buyerAccountId` out. */
  buyerAccounts: string[];
}

export interface DemoHistoryOptions {
  /** The seed clock: history runs from 1 January of its year − 2 to the end of the day before it (Asia/Shanghai). */
  now: Date;
  ids: DemoHistoryIds;
  /**
   * Sales already in the ledger for a village and month (`yyyy-mm`), made by the seed's other steps (buy-back
   * deliveries paid through the app): the history makes up only the rest of each month's plan, so the figures
   * above hold for the ledger as a whole.
   */
  existingSalesFen?: (villageRef: string, month: string) => number;
}

/** Growth of Y−1 over Y−2 and of Y so far over the same days of Y−1, in basis points; `since` = first month on the platform. */
interface VillagePlan {
  priorGrowthBps: number;
  growthBps: number;
  since?: { yearsBack: number; month: number };
}

/** Varied on purpose: the rankings need leaders, laggards (shigou, tianchi, taishan shrink) and newcomers. */
const PLANS: Record<string, VillagePlan> = {
  tudiao: { priorGrowthBps: 900, growthBps: 1_500 },
  qinggang: { priorGrowthBps: 1_200, growthBps: 2_200 },
  baiguo: { priorGrowthBps: 300, growthBps: 600 },
  shuangshi: { priorGrowthBps: 700, growthBps: 1_100 },
  xinglong: { priorGrowthBps: 1_800, growthBps: 3_100 },
  heping: { priorGrowthBps: 500, growthBps: -400 },
  bailin: { priorGrowthBps: 400, growthBps: 200 },
  jinfeng: { priorGrowthBps: 1_000, growthBps: 1_800 },
  tianchi: { priorGrowthBps: 600, growthBps: -900 },
  shuanglong: { priorGrowthBps: 300, growthBps: 800 },
  gaoqiao: { priorGrowthBps: 0, growthBps: 4_000, since: { yearsBack: 1, month: 4 } },
  liwan: { priorGrowthBps: 1_500, growthBps: 2_600 },
  shigou: { priorGrowthBps: -300, growthBps: -1_200 },
  yaotao: { priorGrowthBps: 800, growthBps: 500 },
  maichi: { priorGrowthBps: 0, growthBps: 0, since: { yearsBack: 1, month: 9 } },
  meijiang: { priorGrowthBps: 1_100, growthBps: 1_900 },
  songjia: { priorGrowthBps: 900, growthBps: 1_300 },
  shuguang: { priorGrowthBps: 600, growthBps: 900 },
  fengyan: { priorGrowthBps: 1_400, growthBps: 2_400 },
  taishan: { priorGrowthBps: 200, growthBps: -600 },
  zuojia: { priorGrowthBps: 500, growthBps: 300 },
  sujia: { priorGrowthBps: 1_000, growthBps: 1_600 },
};
const DEFAULT_PLAN: VillagePlan = { priorGrowthBps: 500, growthBps: 800 };

/** The village whose figures are the programme's reported outcome. */
export const CALIBRATED_VILLAGE_REF = 'tudiao';

const CALIBRATION_HEADROOM = 1.05;

/**
 * 土地坳村's Y−1 sales: the level at which Y, grown by the target rate, brings households the target income per
 * person over the whole year, plus 5% so that both the report's year-to-date figure (in late November about nine
 * tenths of the year) and its year-end projection land within a few per cent of it.
 */
export function calibratedLevelFen(village: DemoVillage): number {
  const products = productsOf(village);
  const householdShareBps = products.reduce((sum, p) => sum + p.share * p.farmerShareBps, 0);
  const householdFen = village.targets.perCapitaIncomeIncreaseFen * village.input.population * CALIBRATION_HEADROOM;
  return Math.round((householdFen * 10_000 * 10_000) / ((10_000 + village.targets.salesGrowthBps) * householdShareBps));
}

/** Products that keep (dried, stored, cured) still sell a little out of season; fresh ones do not. */
const STORABLE = /-(walnuts|peanuts|potatoes|sweet-potatoes|apples|pepper|konjac|shiitake|cured-pork|mutton)$/;
const OFF_SEASON_WEIGHT = 0.25;

// Festival demand runs over the 25 days before the day. Spring Festival for chicken, goat and cured pork above
// all (年货), nuts, honey and oil as gifts; Mid-Autumn for gift honey and nuts.
const SPRING_FESTIVAL: Record<number, string> = {
  2022: '02-01', 2023: '01-22', 2024: '02-10', 2025: '01-29', 2026: '02-17', 2027: '02-06', 2028: '01-26', 2029: '02-13', 2030: '02-03',
};
const MID_AUTUMN: Record<number, string> = {
  2022: '09-10', 2023: '09-29', 2024: '09-17', 2025: '10-06', 2026: '09-25', 2027: '09-15', 2028: '10-03', 2029: '09-22', 2030: '09-12',
};
const FESTIVAL_DAYS = 25;
const SPRING_FESTIVAL_LIFT: Partial<Record<ProductCategory, number>> = { poultry: 2, livestock: 2.5, processed: 2, nuts: 1, honey: 1, grain_oil: 0.8, fungi: 0.8 };
const MID_AUTUMN_LIFT: Partial<Record<ProductCategory, number>> = { honey: 1.2, nuts: 0.8, grain_oil: 0.6 };

/** Who guarantees a buy-back price for which products (保价回购); only where the guarantor is paired with the village. */
const BUYBACK: { organizationRef: string; products: RegExp }[] = [
  { organizationRef: 'chengdu-poultry-association', products: /-chicken$/ },
  { organizationRef: 'qs-bee-association', products: /^meijiang-(honey|comb-honey)$/ },
  { organizationRef: 'tianfu-supply-chain', products: /^(fengyan-konjac|taishan-shiitake)$/ },
];

/** Organisations whose staff or residents join group buys for a village (a community or a unit with a 团长). */
const GROUP_BUYERS = new Set(['qs-bee-association', 'qs-elderly-care-home', 'lz-poverty-bureau']);

/** Share of a village-month's sales by channel (the rest is offline), by county: who buys how. */
const CHANNEL_SHARES: Record<string, { buyback: number; institutional: number }> = {
  // 简阳: the poultry association buys back chicken; the rest goes through 代销, fairs and supermarkets.
  简阳市: { buyback: 0.24, institutional: 0.16 },
  // 清水: paired schools and kindergartens buy for their canteens (消费扶贫).
  清水县: { buyback: 0.18, institutional: 0.3 },
  // 利州: the paired bureaus' canteens and staff unions; 熟人、商场、超市 offline.
  利州区: { buyback: 0.2, institutional: 0.26 },
};

const OFFLINE_COUNTERPARTIES: Record<string, string[]> = {
  简阳市: ['成都城乡社区互助联盟供需对接展会', '红旗连锁简阳门店', '简阳市农贸市场', '成都市家禽产业协会代销点', '社区生鲜店代销'],
  清水县: ['清水县城区超市', '天水市农产品展销会', '清水县永清镇农贸市场', '县电商服务中心'],
  利州区: ['广元市利州区农贸市场', '广元商场', '利州区电商服务中心', '宝轮镇超市'],
};

// Channel prices against the list price: a guaranteed buy-back and wholesale pay less than a retail order.
const CHANNEL_PRICE_BPS: Record<SaleChannel, number> = { order: 10_000, group_buy: 9_400, buyback: 8_800, offline: 9_200 };
// List prices were lower in earlier years.
const YEAR_PRICE_BPS = [9_400, 9_700, 10_000];

/** Mulberry32: a small, fast, seedable PRNG (the demo must not depend on Math.random). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, to seed each village-month's PRNG from its name, independent of every other month. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const between = (random: () => number, low: number, high: number) => low + (high - low) * random();
const intBetween = (random: () => number, low: number, high: number) => Math.floor(between(random, low, high + 1));
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthDay = (month: number, day: number) => `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const dayOfYear = (year: number, md: string) => Math.round((Date.UTC(year, Number(md.slice(0, 2)) - 1, Number(md.slice(3))) - Date.UTC(year, 0, 1)) / 86_400_000);

interface HistoryProduct {
  ref: string;
  name: string;
  category: ProductCategory;
  unit: ProductUnit;
  priceFen: number;
  farmerShareBps: number;
  window: HarvestWindow | null;
  storable: boolean;
  /** The product's share of its village's yearly sales. */
  share: number;
}

const PRODUCT_SHARES: Record<number, number[]> = { 1: [1], 2: [0.65, 0.35], 3: [0.5, 0.3, 0.2] };

function productsOf(village: DemoVillage): HistoryProduct[] {
  const shares = PRODUCT_SHARES[village.products.length] ?? village.products.map(() => 1 / village.products.length);
  return village.products.map((demo, i) => {
    const input = ProductInput.parse(demo.input);
    return {
      ref: demo.ref,
      name: input.name,
      category: input.category,
      unit: input.unit,
      priceFen: input.priceFen,
      farmerShareBps: input.farmerShareBps,
      window: input.harvestWindow,
      storable: STORABLE.test(demo.ref),
      share: shares[i] ?? 0,
    };
  });
}

/** Whether a product sells on a day: in its window, or at all if it keeps. */
const sellsOn = (product: HistoryProduct, month: number, day: number) => product.storable || isInSeason(product.window, monthDay(month, day));

const weightCache = new WeakMap<HistoryProduct, Map<number, number[]>>();

/** A product's weight per month of one year, summing to 12: harvest window, keeping, festivals. */
function monthlyWeights(product: HistoryProduct, year: number): number[] {
  let byYear = weightCache.get(product);
  if (!byYear) weightCache.set(product, (byYear = new Map()));
  let weights = byYear.get(year);
  if (!weights) byYear.set(year, (weights = computeMonthlyWeights(product, year)));
  return weights;
}

function computeMonthlyWeights(product: HistoryProduct, year: number): number[] {
  const festivalLift = (days: Record<number, string>, lifts: Partial<Record<ProductCategory, number>>) => {
    const lift = lifts[product.category];
    const festival = days[year];
    const out = new Array<number>(12).fill(0);
    if (!lift || !festival) return out;
    const end = dayOfYear(year, festival);
    for (let d = end - FESTIVAL_DAYS; d < end; d++) {
      const date = new Date(Date.UTC(year, 0, 1 + d));
      if (date.getUTCFullYear() === year) out[date.getUTCMonth()]! += lift / FESTIVAL_DAYS;
    }
    return out;
  };
  const spring = festivalLift(SPRING_FESTIVAL, SPRING_FESTIVAL_LIFT);
  const autumn = festivalLift(MID_AUTUMN, MID_AUTUMN_LIFT);
  const raw = Array.from({ length: 12 }, (_, i) => {
    const days = daysInMonth(year, i + 1);
    let inWindow = 0;
    for (let d = 1; d <= days; d++) if (isInSeason(product.window, monthDay(i + 1, d))) inWindow++;
    const season = inWindow / days + (product.storable ? OFF_SEASON_WEIGHT : 0);
    return season * (1 + spring[i]! + autumn[i]!);
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (w * 12) / total);
}

interface Period {
  year: number;
  /** 1–12 */
  month: number;
  /** Days of the month that are in the history (all of them, or up to yesterday in the current month). */
  days: number;
}

/** Each village's target sales per month of the history, in fen. */
function monthTargets(village: DemoVillage, products: HistoryProduct[], periods: Period[], seedYear: number): Map<string, number> {
  const plan = PLANS[village.ref] ?? DEFAULT_PLAN;
  const level = village.ref === CALIBRATED_VILLAGE_REF ? calibratedLevelFen(village) : village.input.baseline.salesFen;
  const yearLevel = (year: number) =>
    year === seedYear - 1 ? level : year === seedYear ? (level * (10_000 + plan.growthBps)) / 10_000 : (level * 10_000) / (10_000 + plan.priorGrowthBps);
  const firstMonth = plan.since ? (seedYear - plan.since.yearsBack) * 12 + plan.since.month - 1 : -Infinity;
  const targets = new Map<string, number>();
  const key = (year: number, month: number) => `${year}-${month}`;
  for (const year of [seedYear - 2, seedYear - 1, seedYear]) {
    const random = prng(hash(`${village.ref}:level:${year}`));
    const weights = products.map((p) => monthlyWeights(p, year));
    // ±8% month-to-month noise, then scaled back so the year holds its level exactly.
    const raw = Array.from({ length: 12 }, (_, i) => {
      const seasonal = products.reduce((sum, p, j) => sum + p.share * weights[j]![i]!, 0);
      return (seasonal / 12) * between(random, 0.92, 1.08);
    });
    const total = raw.reduce((a, b) => a + b, 0);
    raw.forEach((share, i) => {
      const monthIndex = year * 12 + i;
      // A newcomer's first months ramp up while buyers find it.
      const ramp = monthIndex < firstMonth ? 0 : monthIndex === firstMonth ? 0.4 : monthIndex === firstMonth + 1 ? 0.7 : 1;
      targets.set(key(year, i + 1), (yearLevel(year) * share * ramp) / total);
    });
  }
  // This year's whole months must grow by exactly the plan's rate over the same months of last year (the
  // reports' year-on-year), whatever the noise and festival dates did; a newcomer has nothing to compare with.
  const current = periods.filter((p) => p.year === seedYear);
  const whole = current.filter((p) => p.days === daysInMonth(p.year, p.month));
  if (!plan.since && whole.length > 0) {
    const sum = (year: number) => whole.reduce((total, p) => total + (targets.get(key(year, p.month)) ?? 0), 0);
    const scale = (sum(seedYear - 1) * (10_000 + plan.growthBps)) / 10_000 / sum(seedYear);
    for (let month = 1; month <= 12; month++) targets.set(key(seedYear, month), (targets.get(key(seedYear, month)) ?? 0) * scale);
  }
  return new Map(periods.map((p) => [key(p.year, p.month), ((targets.get(key(p.year, p.month)) ?? 0) * p.days) / daysInMonth(p.year, p.month)]));
}

/** The months of the history: Y−2 and Y−1 whole, Y up to yesterday (Asia/Shanghai). */
function periodsUntil(now: Date): { periods: Period[]; seedYear: number } {
  const today = new TZDate(now.getTime(), PROGRAMME_TIME_ZONE);
  const seedYear = today.getFullYear();
  const periods: Period[] = [];
  for (let year = seedYear - 2; year <= seedYear; year++) {
    for (let month = 1; month <= 12; month++) {
      if (year === seedYear && month > today.getMonth() + 1) break;
      const days = year === seedYear && month === today.getMonth() + 1 ? today.getDate() - 1 : daysInMonth(year, month);
      if (days > 0) periods.push({ year, month, days });
    }
  }
  return { periods, seedYear };
}

interface Draft {
  product: HistoryProduct;
  channel: SaleChannel;
  quantity: number;
  unitPriceFen: number;
  day: number;
  organizationRef?: string;
  counterparty?: string;
  /** Which of the platform's buyers placed a consumer order (and so its refund). */
  buyer?: number;
  note?: string;
}

/** One village-month's sales as drafts: consumer orders and group-buy joins at their natural size, then the bulk channels. */
function draftMonth(village: DemoVillage, products: HistoryProduct[], period: Period, targetFen: number, seedYear: number): Draft[] {
  const random = prng(hash(`${village.ref}:${period.year}-${period.month}`));
  const county = village.input.county;
  const priceBps = YEAR_PRICE_BPS[period.year - seedYear + 2] ?? 10_000;
  const paired = demoOrganizations.filter((o) => o.pairedVillageRefs.includes(village.ref));
  const selling = products.filter((p) => Array.from({ length: period.days }, (_, d) => sellsOn(p, period.month, d + 1)).some(Boolean));
  if (selling.length === 0 || targetFen <= 0) return [];
  const weights = selling.map((p) => p.share * (monthlyWeights(p, period.year)[period.month - 1] ?? 0));
  const chooseProduct = (from: HistoryProduct[] = selling) => {
    const w = from.map((p) => weights[selling.indexOf(p)] ?? 0);
    let r = random() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < from.length; i++) if ((r -= w[i]!) <= 0) return from[i]!;
    return from[from.length - 1]!;
  };
  const dayFor = (product: HistoryProduct) => {
    const days = Array.from({ length: period.days }, (_, d) => d + 1).filter((d) => sellsOn(product, period.month, d));
    return pick(random, days);
  };
  const priceOf = (product: HistoryProduct, channel: SaleChannel) => Math.max(1, applyBasisPoints(applyBasisPoints(product.priceFen, priceBps), CHANNEL_PRICE_BPS[channel]));
  // A consumer buys what a household eats: a chicken or two, a box of eggs, a few jin of plums.
  const householdQuantity = (product: HistoryProduct) => (product.priceFen >= 5_000 ? intBetween(random, 1, 3) : product.priceFen >= 1_000 ? intBetween(random, 3, 10) : intBetween(random, 10, 40));
  const drafts: Draft[] = [];
  const natural = (channel: SaleChannel, organizationRef?: string) => {
    const product = chooseProduct();
    const draft: Draft = { product, channel, quantity: householdQuantity(product), unitPriceFen: priceOf(product, channel), day: dayFor(product) };
    drafts.push(organizationRef ? { ...draft, organizationRef } : { ...draft, buyer: Math.floor(random() * 1_000) });
  };
  const bulk = (channel: SaleChannel, amountFen: number, extra: Partial<Draft> & { product?: HistoryProduct }) => {
    const product = extra.product ?? chooseProduct();
    const unitPriceFen = priceOf(product, channel);
    const quantity = Math.max(1, Math.round(amountFen / unitPriceFen));
    drafts.push({ ...extra, product, channel, quantity, unitPriceFen, day: dayFor(product) });
  };
  const naturalFen = () => drafts.reduce((sum, d) => sum + d.quantity * d.unitPriceFen, 0);
  const scale = Math.min(1, period.days / daysInMonth(period.year, period.month));

  // Consumer orders from the platform's buyers.
  const consumerOrders = Math.round(intBetween(random, 3, 7) * scale);
  for (let i = 0; i < consumerOrders; i++) natural('order');
  // A group buy every other month where a community or a unit with a 团长 is paired: some ten households join.
  const groupBuyers = paired.filter((o) => o.input.kind === 'community' || GROUP_BUYERS.has(o.ref));
  if (groupBuyers.length > 0 && random() < 0.5) {
    const organizer = pick(random, groupBuyers);
    const joins = Math.round(intBetween(random, 5, 12) * scale);
    for (let i = 0; i < joins; i++) natural('group_buy', organizer.ref);
  }
  // Buy-backs at the guaranteed price, for guaranteed products in season, by a guarantor paired with the village.
  const shares = CHANNEL_SHARES[county] ?? { buyback: 0.2, institutional: 0.2 };
  let bulkFen = Math.max(0, targetFen - naturalFen());
  const guarantees = BUYBACK.flatMap((g) => (paired.some((o) => o.ref === g.organizationRef) ? selling.filter((p) => g.products.test(p.ref)).map((product) => ({ ...g, product })) : []));
  if (guarantees.length > 0) {
    const buybackFen = bulkFen * shares.buyback * between(random, 0.7, 1.3);
    const deliveries = intBetween(random, 1, 2);
    for (let i = 0; i < deliveries; i++) {
      const guarantee = pick(random, guarantees);
      bulk('buyback', buybackFen / deliveries, { product: guarantee.product, organizationRef: guarantee.organizationRef, note: '保价回购交付' });
    }
  }
  // Canteens and staff unions of paired organisations order in bulk through the platform.
  const institutions = paired.filter((o) => o.input.kind !== 'community');
  if (institutions.length > 0) {
    const institutionalFen = bulkFen * shares.institutional * between(random, 0.7, 1.3);
    const orders = intBetween(random, 1, 3);
    for (let i = 0; i < orders; i++) bulk('order', institutionalFen / orders, { organizationRef: pick(random, institutions).ref, note: '单位食堂/工会采购' });
  }
  // Offline takes the rest: 代销, supermarkets, fairs, as the cooperative records them.
  bulkFen = Math.max(0, targetFen - naturalFen());
  const receipts = Math.max(1, Math.min(12, Math.round(bulkFen / 4_000_000)));
  for (let i = 0; i < receipts; i++) {
    const counterparties = OFFLINE_COUNTERPARTIES[county] ?? ['农贸市场'];
    // A fifth of offline sales came through a paired organisation's contacts (熟人、单位).
    const via = random() < 0.2 && paired.length > 0 ? { organizationRef: pick(random, paired).ref } : {};
    bulk('offline', bulkFen / receipts, { counterparty: pick(random, counterparties), ...via });
  }
  // A few consumer orders are refunded (a late delivery, a broken box).
  for (const draft of drafts.filter((d) => d.buyer !== undefined && d.channel === 'order')) {
    if (random() < 0.03 && draft.day < period.days) {
      drafts.push({ ...draft, quantity: -draft.quantity, day: intBetween(random, draft.day + 1, Math.min(period.days, draft.day + 3)), note: '买家退款' });
    }
  }
  return drafts;
}

/**
 * The demo history as ledger records, in time order per village, with sources `demo:<villageRef>:<n>`.
 * Deterministic: the same `now` (to the day) and ids give the same records.
 * @example const sales = demoHistory({ now: deps.clock.now(), ids });
 */
export function demoHistory(options: DemoHistoryOptions): Sale[] {
  const { periods, seedYear } = periodsUntil(options.now);
  const { ids } = options;
  const sales: Sale[] = [];
  for (const village of demoVillages) {
    const villageId = ids.village(village.ref);
    if (!villageId) continue;
    const products = productsOf(village);
    const targets = monthTargets(village, products, periods, seedYear);
    let n = 0;
    for (const period of periods) {
      const random = prng(hash(`${village.ref}:${period.year}-${period.month}:times`));
      const month = `${period.year}-${String(period.month).padStart(2, '0')}`;
      const targetFen = (targets.get(`${period.year}-${period.month}`) ?? 0) - (options.existingSalesFen?.(village.ref, month) ?? 0);
      const drafts = draftMonth(village, products, period, targetFen, seedYear);
      // Midnight of the 1st in Beijing, once per month: Asia/Shanghai keeps one offset all year (no DST since
      // 1991), so days and hours add on as plain milliseconds, and TZDate (slow) is not needed per record.
      const monthStart = new TZDate(period.year, period.month - 1, 1, PROGRAMME_TIME_ZONE).getTime();
      const timed = drafts.map((draft) => {
        // Sales happen in the working day, 08:00–20:59 Beijing time.
        const seconds = ((draft.day - 1) * 24 + intBetween(random, 8, 20)) * 3_600 + intBetween(random, 0, 3_599);
        return { draft, occurredAt: new Date(monthStart + seconds * 1_000).toISOString() };
      });
      timed.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
      for (const { draft, occurredAt } of timed) {
        n++;
        const productId = ids.product(village.ref, draft.product.ref);
        if (!productId) continue;
        const organizationId = draft.organizationRef ? ids.organization(draft.organizationRef) : undefined;
        const recordedBy = draft.channel === 'offline' ? ids.coopAccount?.(village.ref) : undefined;
        const buyer = draft.buyer !== undefined && ids.buyerAccounts.length > 0 ? ids.buyerAccounts[draft.buyer % ids.buyerAccounts.length] : undefined;
        sales.push(
          withHouseholdShare({
            source: `demo:${village.ref}:${n}`,
            villageId,
            productId,
            productName: draft.product.name,
            unit: draft.product.unit,
            category: draft.product.category,
            channel: draft.channel,
            ...(buyer ? { buyerAccountId: buyer } : {}),
            ...(draft.counterparty ? { counterparty: draft.counterparty } : {}),
            ...(organizationId ? { organizationId } : {}),
            quantity: draft.quantity,
            amountFen: draft.quantity * draft.unitPriceFen,
            farmerShareBps: draft.product.farmerShareBps,
            occurredAt,
            ...(recordedBy ? { recordedBy } : {}),
            ...(draft.note ? { note: draft.note } : {}),
          }),
        );
      }
    }
  }
  return sales;
}

import { requireRole, type Caller } from '../../actor.js';
import { breachOf, isoWeekOf, type Breach, type GuaranteeDetail } from '../../buyback.js';
import { ConflictError } from '../../errors.js';
import type { Deps, GuaranteeRecord } from '../../ports.js';
import { partyOf, visibleGuarantee } from './access.js';
import { marketReferenceFor } from './market-prices.js';
import { getGuarantee } from './queries.js';

const ATTEMPTS = 6;

/**
 * The product whose market reference prices a breach: the guaranteed product, or for a category guarantee the
 * product the village offered most of (the first recorded among equals).
 */
function referenceProductOf(record: GuaranteeRecord): string | undefined {
  const { scope } = record.guarantee;
  if (scope.kind === 'product') return scope.productId;
  const offered = new Map<string, number>();
  for (const delivery of [...record.deliveries].sort((a, b) => (a.deliveryId < b.deliveryId ? -1 : 1))) {
    offered.set(delivery.product.productId, (offered.get(delivery.product.productId) ?? 0) + delivery.quantity);
  }
  let best: string | undefined;
  for (const [productId, quantity] of offered) if (best === undefined || quantity > offered.get(best)!) best = productId;
  return best;
}

/**
 * The breach of a guarantee at its close, or null. Its reference price is the market reference of the ISO week
 * containing the window's last day (the product's list price when none was entered): the price the village would
 * have had to sell its unmet quantity at.
 */
async function breachAtClose(deps: Pick<Deps, 'products' | 'marketPrices'>, record: GuaranteeRecord, now: Date): Promise<Breach | null> {
  const { guarantee } = record;
  const { committedQuantity, floorPriceFen, window } = guarantee.terms;
  if (guarantee.offeredQuantity < committedQuantity || guarantee.acceptedQuantity >= committedQuantity) return null;
  const productId = referenceProductOf(record);
  if (!productId) return null;
  const reference = await marketReferenceFor(deps, productId, isoWeekOf(window.end));
  const breach = breachOf({ committedQuantity, offeredQuantity: guarantee.offeredQuantity, acceptedQuantity: guarantee.acceptedQuantity, floorPriceFen, reference });
  return breach ? { ...breach, status: 'open', computedAt: now.toISOString() } : null;
}

/**
 * Closes an active guarantee whose window has ended (00:00 Asia/Shanghai after its last day), computing its breach
 * from the counters as they stand. The close is conditional on those counters, so a delivery decided at the last
 * moment makes it read and compute again rather than close on stale figures. True if this call closed it.
 */
export async function closeGuarantee(deps: Pick<Deps, 'buyback' | 'products' | 'marketPrices' | 'clock'>, guaranteeId: string): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const record = await deps.buyback.getRecord(guaranteeId);
    const now = deps.clock.now();
    if (!record || record.guarantee.status !== 'active' || record.guarantee.closesAt > now.toISOString()) return false;
    const breach = await breachAtClose(deps, record, now);
    if (await deps.buyback.close({ guarantee: record.guarantee, breach, now })) return true;
  }
  return false;
}

/**
 * An offer still undecided when its window ends (00:00 Asia/Shanghai after its last day, the moment it would have
 * closed had it been accepted) lapses: it binds nobody and can no longer be accepted. The write is conditional on
 * the offer still being undecided, so an acceptance that lands first wins, and the guarantee is then closed
 * instead. Answers what happened to it, if anything.
 */
export async function endDueGuarantee(deps: Pick<Deps, 'buyback' | 'products' | 'marketPrices' | 'clock'>, guaranteeId: string): Promise<'closed' | 'lapsed' | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const guarantee = await deps.buyback.get(guaranteeId);
    const now = deps.clock.now();
    if (!guarantee || guarantee.closesAt > now.toISOString()) return undefined;
    if (guarantee.status === 'active') return (await closeGuarantee(deps, guaranteeId)) ? 'closed' : undefined;
    if (guarantee.status !== 'offered') return undefined;
    if (await deps.buyback.lapseOffer({ guarantee, now })) return 'lapsed';
  }
  return undefined;
}

/** Closes the guarantees whose window has ended and lapses the offers nobody decided; the scheduler's share of buyback work. */
export async function closeDueGuarantees(
  deps: Pick<Deps, 'buyback' | 'products' | 'marketPrices' | 'clock'>,
  limit: number,
): Promise<{ closed: number; lapsed: number }> {
  const ended = { closed: 0, lapsed: 0 };
  for (const guaranteeId of await deps.buyback.listDueToClose(deps.clock.now(), limit)) {
    const outcome = await endDueGuarantee(deps, guaranteeId);
    if (outcome) ended[outcome]++;
  }
  return ended;
}

/** Organizers mark a breach settled once its compensation was paid (outside the platform). Settling it again changes nothing. */
export async function settleBreach(deps: Pick<Deps, 'buyback' | 'media' | 'clock'>, caller: Caller, input: { guaranteeId: string }): Promise<GuaranteeDetail> {
  const organizer = requireRole(caller, 'organizer');
  const { guarantee } = await visibleGuarantee(deps, caller, input.guaranteeId);
  if (!guarantee.breach) throw new ConflictError('This guarantee has no breach to settle', 'guaranteeId');
  if (guarantee.breach.status === 'open') await deps.buyback.settleBreach({ guaranteeId: guarantee.guaranteeId, settledBy: partyOf(organizer), now: deps.clock.now() });
  return getGuarantee(deps, caller, input);
}

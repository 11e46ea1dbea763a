import { requireActor, requireRole, type Caller } from '../../actor.js';
import { IsoWeek, MarketPrice, MarketPriceInput, type MarketReference } from '../../buyback.js';
import { NotFoundError } from '../../errors.js';
import type { Deps } from '../../ports.js';
import { partyOf } from './access.js';

/**
 * Organizers enter a product's market reference price for one ISO week. A PUT: entering it again replaces it (the
 * correction), so a retry needs no Idempotency-Key. Deliveries already accepted keep the price they were accepted at.
 */
export async function setMarketPrice(
  deps: Pick<Deps, 'products' | 'marketPrices' | 'clock'>,
  caller: Caller,
  input: { productId: string; isoWeek: string; price: MarketPriceInput },
): Promise<MarketPrice> {
  const organizer = requireRole(caller, 'organizer');
  const isoWeek = IsoWeek.parse(input.isoWeek);
  const { priceFen } = MarketPriceInput.parse(input.price);
  const product = await deps.products.get(input.productId);
  if (!product) throw new NotFoundError('No such product', 'productId');
  const price = MarketPrice.parse({ productId: product.productId, isoWeek, priceFen, enteredBy: partyOf(organizer), enteredAt: deps.clock.now().toISOString() });
  await deps.marketPrices.put(price);
  return price;
}

/** A product's market reference prices, newest week first, for anyone signed in. */
export async function listMarketPrices(deps: Pick<Deps, 'products' | 'marketPrices'>, caller: Caller, input: { productId: string }): Promise<{ items: MarketPrice[] }> {
  requireActor(caller);
  const product = await deps.products.get(input.productId);
  if (!product) throw new NotFoundError('No such product', 'productId');
  return { items: await deps.marketPrices.list(product.productId) };
}

/** The market reference of a product for one ISO week: the price organizers entered, or else the product's list price now. */
export async function marketReferenceFor(deps: Pick<Deps, 'products' | 'marketPrices'>, productId: string, isoWeek: string): Promise<MarketReference> {
  const entered = await deps.marketPrices.get(productId, isoWeek);
  if (entered) return { isoWeek, priceFen: entered.priceFen, source: 'entered', productId };
  const product = await deps.products.get(productId);
  if (!product) throw new NotFoundError('The guaranteed product no longer exists', 'productId');
  return { isoWeek, priceFen: product.priceFen, source: 'list_price', productId };
}

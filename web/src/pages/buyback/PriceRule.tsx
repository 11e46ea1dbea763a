import { api } from '../../api';
import { buybackApi, type Delivery, type DeliveryPricing, type MarketReference } from '../../api/buyback';
import { formatCount, formatFen } from '../../format';
import { useAsync } from '../../hooks';
import { useI18n } from '../../i18n';

/** The reference a price was (or will be) compared with: entered by organizers for the week, or the list price. */
function ReferenceText({ reference }: { reference: Pick<MarketReference, 'isoWeek' | 'source'> }) {
  const { t } = useI18n();
  return <>{t(reference.source === 'entered' ? 'bb.price.entered' : 'bb.price.listPrice', { week: reference.isoWeek })}</>;
}

/** The price rule an accepted delivery was priced by, with the figures it used: max(floor, market reference). */
export function PriceRule({ pricing, quantity, unit }: { pricing: DeliveryPricing; quantity: number; unit: string }) {
  const { lang, t } = useI18n();
  return (
    <div class="price-rule">
      <p>
        {t('bb.price.rule', { floor: formatFen(pricing.floorPriceFen), market: formatFen(pricing.marketReference.priceFen) })} ={' '}
        <strong>{t('products.perUnit', { price: formatFen(pricing.unitPriceFen), unit })}</strong>{' '}
        <span class={pricing.basis === 'market' ? 'tag tag-season' : 'tag'}>{t(pricing.basis === 'market' ? 'bb.price.byMarket' : 'bb.price.byFloor')}</span>
      </p>
      <p class="meta">
        {t('bb.price.reference')}
        {t('ledger.colon')}
        <ReferenceText reference={pricing.marketReference} /> · {formatCount(quantity, lang)} × {formatFen(pricing.unitPriceFen)} ={' '}
        <strong>{formatFen(pricing.amountFen)}</strong>
      </p>
    </div>
  );
}

/** Each product's reference inputs, read once per visit however many deliveries show them. */
const referenceInputs = new Map<string, Promise<{ listPriceFen: number; entered: Map<string, number> }>>();

function inputsFor(productId: string) {
  let found = referenceInputs.get(productId);
  if (!found) {
    found = Promise.all([api.product(productId), buybackApi.marketPrices(productId)]).then(([product, prices]) => ({
      listPriceFen: product.priceFen,
      entered: new Map(prices.items.map((p) => [p.isoWeek, p.priceFen])),
    }));
    found.catch(() => referenceInputs.delete(productId));
    referenceInputs.set(productId, found);
  }
  return found;
}

/**
 * For a delivery not yet decided: the rule it will be priced by on acceptance, and the reference that would apply
 * now (the week's entered market price, or else the list price), so both sides know what to expect.
 */
export function PricePreview({ delivery, floorPriceFen, unit }: { delivery: Delivery; floorPriceFen: number; unit: string }) {
  const { lang, t } = useI18n();
  const inputs = useAsync(() => inputsFor(delivery.product.productId), [delivery.product.productId]);
  const entered = inputs.data?.entered.get(delivery.isoWeek);
  const marketFen = entered ?? inputs.data?.listPriceFen;
  const unitFen = marketFen === undefined ? null : Math.max(floorPriceFen, marketFen);
  return (
    <div class="price-rule">
      <p>
        {t('bb.price.ruleFuture', { floor: formatFen(floorPriceFen), week: delivery.isoWeek })}
      </p>
      {marketFen !== undefined && unitFen !== null && (
        <p class="meta">
          {t('bb.price.reference')}
          {t('ledger.colon')}
          <ReferenceText reference={{ isoWeek: delivery.isoWeek, source: entered === undefined ? 'list_price' : 'entered' }} /> {formatFen(marketFen)} ·{' '}
          {t('bb.price.expected', {
            price: t('products.perUnit', { price: formatFen(unitFen), unit }),
            amount: formatFen(unitFen * delivery.quantity),
            quantity: formatCount(delivery.quantity, lang),
          })}
        </p>
      )}
    </div>
  );
}

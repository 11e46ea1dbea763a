import type { Order } from '../../api';
import { formatCount, formatFen } from '../../format';
import { localized, unitKey, useI18n, type MessageKey } from '../../i18n';
import { useAllVillages } from '../../villages';

const FULFILMENT_KEY: Record<string, MessageKey> = {
  pending: 'fulfilment.pending',
  ready: 'fulfilment.ready',
  shipped: 'fulfilment.shipped',
  completed: 'fulfilment.completed',
};

/** An order's lines and total, where it goes, and how far each village has got with it. */
export function OrderFacts({ o, villageId }: { o: Order; villageId?: string }) {
  const { lang, t } = useI18n();
  const villages = useAllVillages().data;
  const villageName = (id: string) => {
    const v = villages?.find((x) => x.villageId === id);
    return v ? localized(lang, v.name, v.nameEn) : id;
  };
  const f = o.fulfilment;
  const shown = villageId ? Object.entries(o.villageFulfilment).filter(([v]) => v === villageId) : Object.entries(o.villageFulfilment);
  return (
    <>
      <section aria-labelledby={`lines-${o.orderId}`}>
        <h2 id={`lines-${o.orderId}`}>{t('orders.lines')}</h2>
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('orders.product')}</th>
                <th scope="col" class="num">{t('orders.unitPrice')}</th>
                <th scope="col" class="num">{t('orders.quantity')}</th>
                <th scope="col" class="num">{t('orders.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {o.lines.map((l) => (
                <tr key={l.lineNo}>
                  <th scope="row">
                    <a href={`/products/${encodeURIComponent(l.productId)}`}>{l.productName}</a>
                  </th>
                  <td class="num">{formatFen(l.unitPriceFen)}</td>
                  <td class="num">
                    {formatCount(l.quantity, lang)} {t(unitKey(l.unit))}
                  </td>
                  <td class="num">{formatFen(l.amountFen)}</td>
                </tr>
              ))}
            </tbody>
            {!villageId && (
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('cart.total')}
                  </th>
                  <td class="num">
                    <strong>{formatFen(o.totalFen)}</strong>
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      </section>

      <section aria-labelledby={`ship-${o.orderId}`}>
        <h2 id={`ship-${o.orderId}`}>{t(f.type === 'pickup' ? 'checkout.pickup' : 'checkout.delivery')}</h2>
        {f.type === 'delivery' ? (
          <address class="address">
            {f.address.recipient} · {f.address.phone}
            <br />
            {f.address.region} {f.address.detail}
          </address>
        ) : f.pickupPoint ? (
          <address class="address">
            {f.pickupPoint.name} · {f.pickupPoint.address}
            <br />
            {t('gb.pickupTime')}: {f.pickupPoint.pickupTime}
          </address>
        ) : (
          <p>{t('checkout.pickupHint')}</p>
        )}
        {o.groupBuyId && (
          <p>
            <a href={`/group-buys/${encodeURIComponent(o.groupBuyId)}`}>{t('orders.viewGroupBuy')}</a>
          </p>
        )}
        {['paid', 'ready', 'shipped', 'completed'].includes(o.status) && (
          <dl class="facts">
            {shown.map(([v, state]) => (
              <div key={v} class="contents">
                <dt>{villageName(v)}</dt>
                <dd>{t(FULFILMENT_KEY[state] ?? 'fulfilment.pending')}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}

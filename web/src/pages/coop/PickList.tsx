import { api } from '../../api';
import { PrintButton } from '../../components/PrintButton';
import { ErrorNote, Loading } from '../../components/Status';
import { formatCount } from '../../format';
import { useAsync } from '../../hooks';
import { unitKey, useI18n, type MessageKey } from '../../i18n';

const DESTINATION_KEY: Record<'pickup' | 'cooperative' | 'delivery', MessageKey> = {
  pickup: 'pick.pickup',
  cooperative: 'pick.cooperative',
  delivery: 'pick.delivery',
};

/** What to pick for paid, unfulfilled orders: one table per pickup point, the cooperative, and delivery. */
export function PickListView({ villageId }: { villageId: string }) {
  const { lang, t } = useI18n();
  const pick = useAsync((signal) => api.pickList(villageId, signal), [villageId]);
  return (
    <section aria-labelledby="pick-list" class="printable">
      <div class="section-head">
        <h2 id="pick-list">{t('coop.pickList')}</h2>
        <div class="actions no-print">
          <button type="button" class="btn btn-small" onClick={pick.reload}>
            {t('common.refresh')}
          </button>
          <PrintButton />
        </div>
      </div>
      <p class="meta">{t('pick.intro')}</p>
      {pick.error ? (
        <ErrorNote error={pick.error} onRetry={pick.reload} />
      ) : !pick.data ? (
        <Loading />
      ) : pick.data.groups.length === 0 ? (
        <p class="empty">{t('pick.none')}</p>
      ) : (
        pick.data.groups.map((g, i) => (
          <section key={i} class="panel pick-group" aria-labelledby={`pick-${i}`}>
            <h3 id={`pick-${i}`}>
              {t(DESTINATION_KEY[g.destination])}
              {g.pickupPoint && ` · ${g.pickupPoint.name}`}
            </h3>
            {g.pickupPoint && (
              <p class="meta">
                {g.pickupPoint.address} · {t('gb.pickupTime')}: {g.pickupPoint.pickupTime}
              </p>
            )}
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('orders.product')}</th>
                    <th scope="col" class="num">{t('orders.quantity')}</th>
                    <th scope="col" class="tick">{t('pick.picked')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.items.map((item) => (
                    <tr key={item.productId}>
                      <th scope="row">{item.productName}</th>
                      <td class="num">
                        {formatCount(item.quantity, lang)} {t(unitKey(item.unit))}
                      </td>
                      <td class="tick">
                        <span class="tick-box" aria-hidden="true" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="meta">{t('pick.orders', { n: formatCount(g.orderIds.length, lang) })}</p>
          </section>
        ))
      )}
    </section>
  );
}

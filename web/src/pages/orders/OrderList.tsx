import { api } from '../../api';
import { OrderStatusTag } from '../../components/OrderStatusTag';
import { ErrorNote, LoadMore, Loading } from '../../components/Status';
import { formatDateTime, formatFen } from '../../format';
import { usePaged, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { useActor } from '../../session';
import { lineSummary } from './lineSummary';

/** The buyer's orders, newest first. */
export function OrderList() {
  const { t } = useI18n();
  useTitle('orders.title', true);
  const actor = useActor();
  if (actor === undefined) return <Loading />;
  if (actor === null) {
    return (
      <>
        <h1>{t('orders.title')}</h1>
        <p class="note">
          {t('error.unauthenticated')} <a href="/sign-in?next=/orders">{t('nav.signIn')}</a>
        </p>
      </>
    );
  }
  return <Orders />;
}

function Orders() {
  const { lang, t } = useI18n();
  const list = usePaged((cursor, signal) => api.myOrders({ limit: 20, cursor }, signal), []);
  return (
    <>
      <h1>{t('orders.title')}</h1>
      {list.error && list.items.length === 0 ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 && list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p class="empty">
          {t('orders.none')} <a href="/products">{t('cart.browse')}</a>
        </p>
      ) : (
        <ul class="order-list">
          {list.items.map((o) => (
            <li key={o.orderId} class="card order-card">
              <div class="order-card-head">
                <h2 class="card-title">
                  <a href={`/orders/${encodeURIComponent(o.orderId)}`} class="stretched-link">
                    {lineSummary(o, lang, t)}
                  </a>
                </h2>
                <OrderStatusTag status={o.status} />
              </div>
              <p class="meta">
                {o.kind === 'group_buy' && <span class="tag">{t('orders.groupBuy')}</span>}{' '}
                <time dateTime={o.createdAt}>{formatDateTime(o.createdAt, lang)}</time>
              </p>
              <p class="price">{formatFen(o.totalFen)}</p>
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onMore={list.loadMore} />
    </>
  );
}

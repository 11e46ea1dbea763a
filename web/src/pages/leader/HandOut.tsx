import { api, ApiError } from '../../api';
import { PrintButton } from '../../components/PrintButton';
import { ErrorNote, Loading } from '../../components/Status';
import { formatCount, formatDateTime } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { unitKey, useI18n } from '../../i18n';
import { anyStatusKey } from '../../orderStatus';
import { useActor } from '../../session';

/** Who collects how much, with a tick box column: made to be printed and taken to the pickup point. */
export function HandOut({ id }: { id: string }) {
  const { lang, t } = useI18n();
  useTitle('leader.handOut', true);
  const actor = useActor();
  const list = useAsync((signal) => (actor ? api.handOut(id, signal) : Promise.resolve(undefined)), [id, actor?.accountId]);
  if (actor === undefined) return <Loading />;
  if (actor === null) {
    return (
      <>
        <h1>{t('leader.handOut')}</h1>
        <p class="note">
          {t('leader.needSignIn')} <a href={`/sign-in?next=${encodeURIComponent(`/group-buys/${id}/hand-out`)}`}>{t('nav.signIn')}</a>
        </p>
      </>
    );
  }
  if (list.error) {
    return (
      <>
        <h1>{t('leader.handOut')}</h1>
        {list.error instanceof ApiError && list.error.status === 403 ? (
          <p class="note">{t('leader.handOutForbidden')}</p>
        ) : (
          <ErrorNote error={list.error} onRetry={list.reload} />
        )}
      </>
    );
  }
  if (!list.data) return <Loading />;
  const { groupBuy: g, entries, totalQuantity } = list.data;
  const unit = t(unitKey(g.unit));
  return (
    <article class="printable">
      <div class="section-head">
        <h1>
          {t('leader.handOut')} · {g.title ?? g.productName}
        </h1>
        <PrintButton />
      </div>
      <dl class="facts">
        <dt>{t('gb.pickupPoint')}</dt>
        <dd>
          {g.pickupPoint.name} · {g.pickupPoint.address}
        </dd>
        <dt>{t('gb.pickupTime')}</dt>
        <dd>{g.pickupPoint.pickupTime}</dd>
        <dt>{t('gb.deadline')}</dt>
        <dd>{formatDateTime(g.deadline, lang)}</dd>
        <dt>{t('gb.product')}</dt>
        <dd>{g.productName}</dd>
      </dl>
      {g.status !== 'confirmed' && <p class="note">{t('leader.handOutProvisional')}</p>}
      {entries.length === 0 ? (
        <p class="empty">{t('leader.handOutEmpty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('leader.handOut')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('leader.buyer')}</th>
                <th scope="col" class="num">{t('orders.quantity')}</th>
                <th scope="col">{t('orders.status')}</th>
                <th scope="col" class="tick">{t('leader.collected')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.orderId}>
                  <th scope="row">{e.buyerName}</th>
                  <td class="num">
                    {formatCount(e.quantity, lang)} {unit}
                  </td>
                  <td>{(() => {
                    const key = anyStatusKey(e.status);
                    return key ? t(key) : e.status;
                  })()}</td>
                  <td class="tick">
                    <span class="tick-box" aria-hidden="true" />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('cart.total')}</th>
                <td class="num">
                  <strong>
                    {formatCount(totalQuantity, lang)} {unit}
                  </strong>
                </td>
                <td colSpan={2}>{t('leader.people', { n: formatCount(entries.length, lang) })}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p class="no-print">
        <a href={`/group-buys/${encodeURIComponent(g.groupBuyId)}`}>{t('leader.backToGroupBuy')}</a>
      </p>
    </article>
  );
}

import { api, ApiError, type GroupBuy } from '../../api';
import { Countdown } from '../../components/Countdown';
import { GroupBuyPrice } from '../../components/GroupBuyPrice';
import { GroupBuyProgress } from '../../components/GroupBuyProgress';
import { ShareButton } from '../../components/ShareButton';
import { ErrorNote, Loading } from '../../components/Status';
import { formatCount, formatDateTime } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { localized, unitKey, useI18n } from '../../i18n';
import { useActor } from '../../session';
import { useAllVillages } from '../../villages';
import { CloseEarly } from '../leader/CloseEarly';
import { NotFound } from '../NotFound';
import { GroupBuyStatusTag } from './GroupBuyStatusTag';
import { JoinForm } from './JoinForm';
import { MyJoins } from './MyJoins';

export function GroupBuyDetail({ id }: { id: string }) {
  const gb = useAsync((signal) => api.groupBuy(id, signal), [id]);
  useTitle(gb.data ? (gb.data.title ?? gb.data.productName) : undefined);
  if (gb.error instanceof ApiError && gb.error.status === 404) return <NotFound />;
  if (gb.error && !gb.data) return <ErrorNote error={gb.error} onRetry={gb.reload} />;
  if (!gb.data) return <Loading />;
  return <GroupBuyView g={gb.data} reload={gb.reload} onChanged={gb.setData} />;
}

function GroupBuyView({ g, reload, onChanged }: { g: GroupBuy; reload(): void; onChanged(g: GroupBuy): void }) {
  const { lang, t } = useI18n();
  const actor = useActor();
  const product = useAsync((signal) => api.product(g.productId, signal), [g.productId]);
  const village = useAllVillages().data?.find((v) => v.villageId === g.villageId);
  const photo = product.data?.photos[0];
  const unit = t(unitKey(g.unit));
  const isLeader = actor?.role === 'leader' && actor.accountId === g.leaderId;
  const url = `${location.origin}/group-buys/${encodeURIComponent(g.groupBuyId)}`;

  return (
    <article class="product gb-detail">
      <div class="gallery">
        {photo ? (
          <img class="gallery-main" src={photo.url} alt="" width={640} height={480} decoding="async" />
        ) : (
          <div class="gallery-main photo-placeholder">{t('products.noPhoto')}</div>
        )}
      </div>
      <div class="product-info">
        <h1>{g.title ?? g.productName}</h1>
        <p class="tags">
          <GroupBuyStatusTag g={g} />
        </p>
        <GroupBuyPrice g={g} large />
        <GroupBuyProgress g={g} />
        {g.status === 'open' && (
          <p>
            <Countdown to={g.deadline} label={t('gb.endsIn')} />
          </p>
        )}
        <ShareButton url={url} />
        <dl class="facts">
          <dt>{t('gb.product')}</dt>
          <dd>
            <a href={`/products/${encodeURIComponent(g.productId)}`}>
              {product.data ? localized(lang, product.data.name, product.data.nameEn) : g.productName}
            </a>
          </dd>
          <dt>{t('products.from')}</dt>
          <dd>
            <a href={`/villages/${encodeURIComponent(g.villageId)}`}>
              {village ? localized(lang, village.name, village.nameEn) : t('nav.villages')}
            </a>
          </dd>
          <dt>{t('gb.leader')}</dt>
          <dd>{g.leaderName}</dd>
          <dt>{t('gb.deadline')}</dt>
          <dd>
            <time dateTime={g.deadline}>{formatDateTime(g.deadline, lang)}</time> {t('time.beijing')}
          </dd>
          <dt>{t('gb.limits')}</dt>
          <dd>{t('gb.limitsText', { min: formatCount(g.minQuantity, lang), max: formatCount(g.maxQuantity, lang), unit })}</dd>
          <dt>{t('gb.pickupPoint')}</dt>
          <dd>
            <address class="address">
              {g.pickupPoint.name}
              <br />
              {g.pickupPoint.address}
            </address>
          </dd>
          <dt>{t('gb.pickupTime')}</dt>
          <dd>{g.pickupPoint.pickupTime}</dd>
        </dl>
        <JoinForm g={g} onRefused={reload} />
        {(actor?.role === 'buyer' || actor?.role === 'leader') && <MyJoins g={g} onLeft={reload} />}
        {isLeader && (
          <section class="panel" aria-labelledby="leader-tools">
            <h2 id="leader-tools">{t('leader.tools')}</h2>
            <div class="actions">
              <a class="btn btn-small" href={`/group-buys/${encodeURIComponent(g.groupBuyId)}/hand-out`}>
                {t('leader.handOut')}
              </a>
              <CloseEarly g={g} onClosed={onChanged} />
            </div>
          </section>
        )}
      </div>
    </article>
  );
}

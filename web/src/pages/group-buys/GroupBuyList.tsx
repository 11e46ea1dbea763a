import { api } from '../../api';
import { Countdown } from '../../components/Countdown';
import { GroupBuyPrice } from '../../components/GroupBuyPrice';
import { GroupBuyProgress } from '../../components/GroupBuyProgress';
import { ErrorNote, LoadMore, Loading } from '../../components/Status';
import { bySoonestDeadline } from '../../groupBuy';
import { usePaged, useTitle } from '../../hooks';
import { localized, useI18n } from '../../i18n';
import { useActor } from '../../session';
import { useAllVillages } from '../../villages';

/** Open group buys, soonest deadline first, each with its progress and a live countdown. */
export function GroupBuyList() {
  const { lang, t } = useI18n();
  useTitle('gb.title', true);
  const actor = useActor();
  const villages = useAllVillages().data;
  const list = usePaged((cursor, signal) => api.groupBuys({ status: 'open', limit: 20, cursor }, signal), []);
  const items = [...list.items].sort(bySoonestDeadline);
  return (
    <>
      <div class="section-head">
        <h1>{t('gb.title')}</h1>
        {actor?.role === 'leader' && (
          <p class="actions">
            <a class="btn btn-small btn-primary" href="/group-buys/new">
              {t('leader.open')}
            </a>
            <a class="btn btn-small" href="/group-buys/mine">
              {t('nav.myGroupBuys')}
            </a>
          </p>
        )}
      </div>
      <p class="meta">{t('gb.intro')}</p>
      {list.error && items.length === 0 ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : items.length === 0 && list.loading ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="empty">{t('gb.none')}</p>
      ) : (
        <ul class="gb-list">
          {items.map((g) => {
            const v = villages?.find((x) => x.villageId === g.villageId);
            return (
              <li key={g.groupBuyId} class="card gb-card">
                <h2 class="card-title">
                  <a href={`/group-buys/${encodeURIComponent(g.groupBuyId)}`} class="stretched-link">
                    {g.title ?? g.productName}
                  </a>
                </h2>
                <p class="meta">
                  {g.title ? `${g.productName} · ` : ''}
                  {v ? localized(lang, v.name, v.nameEn) : ''} · {t('gb.by', { name: g.leaderName })}
                </p>
                <GroupBuyPrice g={g} />
                <GroupBuyProgress g={g} />
                <p class="meta">
                  <Countdown to={g.deadline} label={t('gb.endsIn')} />
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading && items.length > 0} onMore={list.loadMore} />
    </>
  );
}

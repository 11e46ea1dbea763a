import { api, type GroupBuy } from '../../api';
import { Countdown } from '../../components/Countdown';
import { GroupBuyPrice } from '../../components/GroupBuyPrice';
import { GroupBuyProgress } from '../../components/GroupBuyProgress';
import { ErrorNote, LoadMore, Loading } from '../../components/Status';
import { formatDateTime } from '../../format';
import { bySoonestDeadline } from '../../groupBuy';
import { usePaged, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { GroupBuyStatusTag } from '../group-buys/GroupBuyStatusTag';
import { CloseEarly } from './CloseEarly';
import { LeaderOnly } from './LeaderOnly';

/** The leader's own group buys (GET /api/me/group-buys, newest first, a page at a time): open ones, then the rest. */
export function MyGroupBuys() {
  useTitle('nav.myGroupBuys', true);
  return <LeaderOnly title="nav.myGroupBuys">{(id) => <List leaderId={id} />}</LeaderOnly>;
}

function List({ leaderId }: { leaderId: string }) {
  const { lang, t } = useI18n();
  const list = usePaged((cursor, signal) => api.myGroupBuys({ limit: 50, cursor }, signal), [leaderId]);
  const replace = (g: GroupBuy) => list.upsert(g, (x) => x.groupBuyId === g.groupBuyId);
  const open = list.items.filter((g) => g.status === 'open').sort(bySoonestDeadline);
  const closed = list.items.filter((g) => g.status !== 'open').sort((a, b) => b.deadline.localeCompare(a.deadline));

  const item = (g: GroupBuy) => (
    <li key={g.groupBuyId} class="card gb-card">
      <div class="order-card-head">
        <h3 class="card-title">
          <a href={`/group-buys/${encodeURIComponent(g.groupBuyId)}`}>{g.title ?? g.productName}</a>
        </h3>
        <GroupBuyStatusTag g={g} />
      </div>
      <GroupBuyPrice g={g} />
      <GroupBuyProgress g={g} />
      <p class="meta">
        {g.status === 'open' ? (
          <Countdown to={g.deadline} label={t('gb.endsIn')} />
        ) : (
          <>
            {t('gb.deadline')} <time dateTime={g.deadline}>{formatDateTime(g.deadline, lang)}</time>
          </>
        )}
      </p>
      <div class="actions">
        <a class="btn btn-small" href={`/group-buys/${encodeURIComponent(g.groupBuyId)}/hand-out`}>
          {t('leader.handOut')}
          <span class="visually-hidden"> · {g.title ?? g.productName}</span>
        </a>
        <CloseEarly g={g} onClosed={replace} />
      </div>
    </li>
  );

  return (
    <>
      <div class="section-head">
        <h1>{t('nav.myGroupBuys')}</h1>
        <a class="btn btn-small btn-primary" href="/group-buys/new">
          {t('leader.open')}
        </a>
      </div>
      {list.error && list.items.length === 0 ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 && list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p class="empty">{t('leader.none')}</p>
      ) : (
        <>
          <section aria-labelledby="mine-open">
            <h2 id="mine-open">{t('leader.openOnes')}</h2>
            {open.length === 0 ? <p class="empty">{t('gb.none')}</p> : <ul class="gb-list">{open.map(item)}</ul>}
          </section>
          {closed.length > 0 && (
            <section aria-labelledby="mine-closed">
              <h2 id="mine-closed">{t('leader.closedOnes')}</h2>
              <ul class="gb-list">{closed.map(item)}</ul>
            </section>
          )}
        </>
      )}
      {list.error !== undefined && list.items.length > 0 && <ErrorNote error={list.error} onRetry={list.loadMore} />}
      <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onMore={list.loadMore} />
    </>
  );
}

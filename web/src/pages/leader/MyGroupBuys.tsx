import { api, type GroupBuy, type GroupBuyStatus } from '../../api';
import { Countdown } from '../../components/Countdown';
import { GroupBuyPrice } from '../../components/GroupBuyPrice';
import { GroupBuyProgress } from '../../components/GroupBuyProgress';
import { ErrorNote, Loading } from '../../components/Status';
import { formatDateTime } from '../../format';
import { bySoonestDeadline } from '../../groupBuy';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { GroupBuyStatusTag } from '../group-buys/GroupBuyStatusTag';
import { CloseEarly } from './CloseEarly';
import { LeaderOnly } from './LeaderOnly';

const STATUSES: GroupBuyStatus[] = ['open', 'closing', 'confirmed', 'failed'];

/**
 * The leader's own group buys. The API lists group buys by status only, so this reads each status (up to 500 of
 * each) and keeps the leader's.
 */
async function mine(leaderId: string, signal: AbortSignal): Promise<GroupBuy[]> {
  const lists = await Promise.all(
    STATUSES.map(async (status) => {
      const out: GroupBuy[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 5; i++) {
        const page = await api.groupBuys({ status, limit: 100, cursor }, signal);
        out.push(...page.items.filter((g) => g.leaderId === leaderId));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return out;
    }),
  );
  return lists.flat();
}

export function MyGroupBuys() {
  useTitle('nav.myGroupBuys', true);
  return <LeaderOnly title="nav.myGroupBuys">{(id) => <List leaderId={id} />}</LeaderOnly>;
}

function List({ leaderId }: { leaderId: string }) {
  const { lang, t } = useI18n();
  const list = useAsync((signal) => mine(leaderId, signal), [leaderId]);
  const replace = (g: GroupBuy) => list.setData((list.data ?? []).map((x) => (x.groupBuyId === g.groupBuyId ? g : x)));
  const open = (list.data ?? []).filter((g) => g.status === 'open').sort(bySoonestDeadline);
  const closed = (list.data ?? []).filter((g) => g.status !== 'open').sort((a, b) => b.deadline.localeCompare(a.deadline));

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
      {list.error ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.length === 0 ? (
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
    </>
  );
}

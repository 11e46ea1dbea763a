import { ApiError } from '../../api';
import { salesApi, type Pairing } from '../../api/sales';
import { ErrorNote, LoadMore, Loading } from '../../components/Status';
import { formatDateTime, formatFen, yearInShanghai } from '../../format';
import { useAsync, usePaged, useTitle } from '../../hooks';
import { localized, useI18n } from '../../i18n';
import { formatDay, nextDueWeek, weekSpan } from './calendar';
import { PledgePanel } from './PledgePanel';
import { RequireRole } from './RequireRole';

/** The organisation's own page for its leaders (/org): this year's pledge with its progress, and its pairings. */
export function MyOrganization() {
  useTitle('nav.organization', true);
  return (
    <RequireRole roles={['leader']} title="nav.organization">
      {(leader) => <OrganizationPage organizationId={leader.organizationId} />}
    </RequireRole>
  );
}

function OrganizationPage({ organizationId }: { organizationId: string }) {
  const { lang, t } = useI18n();
  const year = yearInShanghai();
  const organization = useAsync((signal) => salesApi.organization(organizationId, signal), [organizationId]);
  const pledge = useAsync(
    (signal) =>
      salesApi.pledge(organizationId, year, signal).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [organizationId, year],
  );
  const report = useAsync((signal) => salesApi.organizationReport(organizationId, year, signal), [organizationId, year]);
  const name = organization.data ? localized(lang, organization.data.name, organization.data.nameEn) : null;

  return (
    <>
      <h1>{name ?? t('nav.organization')}</h1>
      <p class="meta">
        {name && <>{t('nav.organization')} · </>}
        <a href={`/reports/organizations/${encodeURIComponent(organizationId)}`}>{t('org.report')}</a>
      </p>
      {pledge.error ? (
        <ErrorNote error={pledge.error} onRetry={pledge.reload} />
      ) : pledge.data === undefined ? (
        <Loading />
      ) : (
        <PledgePanel
          organizationId={organizationId}
          year={year}
          pledge={pledge.data}
          report={report.data}
          onSaved={(p) => {
            pledge.setData(p);
            report.reload();
          }}
        />
      )}
      <PairingList organizationId={organizationId} />
    </>
  );
}

function PairingList({ organizationId }: { organizationId: string }) {
  const { lang, t } = useI18n();
  const list = usePaged((cursor, signal) => salesApi.pairings({ organizationId, limit: 50, cursor }, signal), [organizationId]);
  const due = nextDueWeek();
  const span = weekSpan(due);

  const item = (p: Pairing) => {
    const id = encodeURIComponent(p.pairingId);
    return (
      <li key={p.pairingId} class="card pairing-card">
        <h3 class="card-title">
          {p.villageName} <span class="meta">· {p.county}</span>
        </h3>
        <p class="meta">
          {t('org.pairedSince', { day: formatDay(p.startDate, lang) })} · {t('org.annualTarget', { amount: formatFen(p.annualTargetFen) })}
        </p>
        {p.note && <p>{p.note}</p>}
        <div class="actions">
          <a class="btn btn-small" href={`/reports/pairings/${id}`}>
            {t('org.pairingReport')}
            <span class="visually-hidden"> · {p.villageName}</span>
          </a>
          <a class="btn btn-small btn-primary" href={`/pairings/${id}/weekly-report`}>
            {t('org.writeWeekly')}
            <span class="visually-hidden"> · {p.villageName}</span>
          </a>
        </div>
      </li>
    );
  };

  return (
    <section aria-labelledby="pairings-title">
      <h2 id="pairings-title">{t('org.pairings')}</h2>
      <p class="note">
        {t('org.weeklyRule')}{' '}
        {t('org.nextDue', {
          week: due,
          from: formatDay(span.monday, lang),
          to: formatDay(span.sunday, lang),
          deadline: formatDateTime(span.deadline, lang),
        })}
      </p>
      {list.error && list.items.length === 0 ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 && list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p class="empty">{t('org.noPairings')}</p>
      ) : (
        <ul class="pairing-list">{list.items.map(item)}</ul>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onMore={list.loadMore} />
    </section>
  );
}

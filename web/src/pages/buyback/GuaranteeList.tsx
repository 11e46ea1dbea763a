import { useState } from 'preact/hooks';
import type { Actor } from '../../api';
import { api } from '../../api';
import { buybackApi, type GuaranteeListItem, type GuaranteeStatus, type GuaranteeTotals } from '../../api/buyback';
import { Field } from '../../components/Field';
import { ErrorNote, Loading } from '../../components/Status';
import { formatBps, formatCount, formatFen } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { localized, useI18n } from '../../i18n';
import { navigate, useLocation, withQuery } from '../../router';
import { groupByCounty, useAllVillages } from '../../villages';
import { formatDay } from '../sales/calendar';
import { ProgressBar } from '../sales/ProgressBar';
import { RequireRole } from '../sales/RequireRole';
import { sideOf, statusKey } from './guarantee';
import { MarketPricePanel } from './MarketPricePanel';
import { ScopeName, StatusTag, unitLabel } from './parts';

const STATUSES: GuaranteeStatus[] = ['offered', 'active', 'closed', 'declined', 'lapsed'];

/** Buyback guarantees (/buyback): a cooperative's, a leader's organisation's, or all of them for organizers, with totals. */
export function GuaranteeList() {
  useTitle('nav.buyback', true);
  return (
    <RequireRole roles={['coop', 'leader', 'organizer']} title="nav.buyback">
      {(actor) => <ListPage actor={actor} />}
    </RequireRole>
  );
}

function ListPage({ actor }: { actor: Actor }) {
  const { t } = useI18n();
  const loc = useLocation();
  const organizer = actor.role === 'organizer';
  const rawStatus = loc.query.get('status') ?? '';
  const filter = {
    villageId: organizer ? (loc.query.get('villageId') ?? '') : '',
    organizationId: organizer ? (loc.query.get('organizationId') ?? '') : '',
    status: (STATUSES as string[]).includes(rawStatus) ? (rawStatus as GuaranteeStatus) : '',
  } as const;
  const list = useAsync(
    (signal) =>
      buybackApi.guarantees(
        { villageId: filter.villageId || undefined, organizationId: filter.organizationId || undefined, status: filter.status || undefined },
        signal,
      ),
    [filter.villageId, filter.organizationId, filter.status],
  );
  const [pricing, setPricing] = useState(false);

  return (
    <>
      <div class="section-head">
        <h1>{t('nav.buyback')}</h1>
        {actor.role === 'leader' && (
          <a class="btn btn-small btn-primary" href="/buyback/new">
            {t('bb.newTitle')}
          </a>
        )}
      </div>
      <p class="meta">{t('bb.intro')}</p>
      <Filters organizer={organizer} filter={filter} />
      {list.error ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <>
          <Totals totals={list.data.totals} />
          <section aria-labelledby="bb-list-title">
            <h2 id="bb-list-title">{t('bb.listTitle', { n: list.data.items.length })}</h2>
            {list.data.items.length === 0 ? (
              <p class="empty">{t(actor.role === 'leader' ? 'bb.noneLeader' : 'bb.none')}</p>
            ) : (
              <ul class="bb-list">
                {list.data.items.map((g) => (
                  <GuaranteeCard key={g.guaranteeId} g={g} actor={actor} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {organizer && (
        <section class="panel" aria-labelledby="bb-market">
          <h2 id="bb-market" class="disclosure-heading">
            <button type="button" class="disclosure" aria-expanded={pricing} aria-controls="bb-market-panel" onClick={() => setPricing(!pricing)}>
              <span aria-hidden="true" class="disclosure-icon">
                {pricing ? '−' : '+'}
              </span>
              {t('bb.market.title')}
            </button>
          </h2>
          {pricing && (
            <div id="bb-market-panel">
              <MarketPricePanel />
            </div>
          )}
        </section>
      )}
    </>
  );
}

function Filters({ organizer, filter }: { organizer: boolean; filter: { villageId: string; organizationId: string; status: string } }) {
  const { lang, t } = useI18n();
  const loc = useLocation();
  const villages = useAllVillages();
  const organizations = useAsync(() => (organizer ? api.organizations({ limit: 100 }) : Promise.resolve(null)), [organizer]);
  const set = (k: string) => (e: Event) => navigate(withQuery(loc, { [k]: (e.currentTarget as HTMLSelectElement).value }), { replace: true });
  return (
    <form class="filters" role="search" aria-label={t('bb.filters')} onSubmit={(e) => e.preventDefault()}>
      {organizer && (
        <>
          <Field id="bb-filter-village" label={t('bb.village')}>
            {(c) => (
              <select {...c} value={filter.villageId} onChange={set('villageId')}>
                <option value="">{t('bb.allVillages')}</option>
                {groupByCounty(villages.data ?? []).map(([county, vs]) => (
                  <optgroup key={county} label={county}>
                    {vs.map((v) => (
                      <option key={v.villageId} value={v.villageId}>
                        {localized(lang, v.name, v.nameEn)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field id="bb-filter-org" label={t('bb.organization')}>
            {(c) => (
              <select {...c} value={filter.organizationId} onChange={set('organizationId')}>
                <option value="">{t('bb.allOrganizations')}</option>
                {(organizations.data?.items ?? []).map((o) => (
                  <option key={o.organizationId} value={o.organizationId}>
                    {localized(lang, o.name, o.nameEn)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
      <Field id="bb-filter-status" label={t('bb.statusLabel')}>
        {(c) => (
          <select {...c} value={filter.status} onChange={set('status')}>
            <option value="">{t('bb.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(statusKey(s))}
              </option>
            ))}
          </select>
        )}
      </Field>
    </form>
  );
}

function Totals({ totals }: { totals: GuaranteeTotals }) {
  const { lang, t } = useI18n();
  return (
    <section class="panel" aria-labelledby="bb-totals">
      <h2 id="bb-totals">{t('bb.totals', { n: totals.guarantees })}</h2>
      <dl class="stats">
        <div class="stat">
          <dt>{t('bb.committedValue')}</dt>
          <dd>{formatFen(totals.committedValueFen)}</dd>
        </div>
        <div class="stat">
          <dt>{t('bb.utilisation')}</dt>
          <dd>{formatBps(totals.utilisationBps, lang)}</dd>
        </div>
        <div class="stat">
          <dt>{t('bb.paid')}</dt>
          <dd>{formatFen(totals.paidFen)}</dd>
        </div>
        <div class="stat">
          <dt>{t('bb.owed')}</dt>
          <dd>{formatFen(totals.owedFen)}</dd>
        </div>
        <div class="stat">
          <dt>{t('bb.openBreaches')}</dt>
          <dd>
            {formatCount(totals.openBreaches, lang)}
            {totals.breachCompensationFen > 0 && <span class="stat-sub"> · {formatFen(totals.breachCompensationFen)}</span>}
          </dd>
        </div>
      </dl>
      <p class="hint">{t('bb.totalsNote', { accepted: formatCount(totals.acceptedQuantity, lang), committed: formatCount(totals.committedQuantity, lang) })}</p>
    </section>
  );
}

function GuaranteeCard({ g, actor }: { g: GuaranteeListItem; actor: Actor }) {
  const { lang, t } = useI18n();
  const side = sideOf(actor, g);
  const unit = unitLabel(g, t);
  const s = g.summary;
  const flags: string[] = [];
  if (side === 'village' && g.status === 'offered') flags.push(t('bb.flag.awaitingYou'));
  if (side === 'buyer' && g.status === 'offered') flags.push(t('bb.flag.awaitingVillage'));
  if (g.pendingAmendmentVersion !== null) flags.push(t('bb.flag.amendment'));
  if (g.breach?.status === 'open') flags.push(t('bb.flag.breachOpen'));
  if (side !== 'village' && s.owedFen > 0) flags.push(t('bb.flag.owed', { amount: formatFen(s.owedFen) }));
  return (
    <li class="card bb-card">
      <div class="order-card-head">
        <h3 class="card-title">
          <a href={`/buyback/${encodeURIComponent(g.guaranteeId)}`}>
            <ScopeName g={g} /> · {g.villageName}
          </a>
        </h3>
        <StatusTag status={g.status} />
      </div>
      <p class="meta">
        {g.organizationName} · {formatDay(g.terms.window.start, lang)} – {formatDay(g.terms.window.end, lang)}
      </p>
      <p class="price">{t('bb.floorPer', { price: formatFen(g.terms.floorPriceFen), unit })}</p>
      <ProgressBar bps={s.utilisationBps} />
      <p class="meta">
        {t('bb.figuresShort', {
          committed: formatCount(s.committedQuantity, lang),
          offered: formatCount(s.offeredQuantity, lang),
          accepted: formatCount(s.acceptedQuantity, lang),
          paid: formatCount(s.paidQuantity, lang),
          unit,
        })}
      </p>
      {flags.length > 0 && (
        <p class="tags">
          {flags.map((f) => (
            <span key={f} class="tag tag-warn">
              {f}
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

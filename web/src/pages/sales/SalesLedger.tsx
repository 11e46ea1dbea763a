import { useState } from 'preact/hooks';
import { api } from '../../api';
import { salesApi, type Sale } from '../../api/sales';
import { Field } from '../../components/Field';
import { ErrorNote, LoadMore, Loading } from '../../components/Status';
import { formatDateTime, formatFen } from '../../format';
import { useAsync, usePaged, useTitle } from '../../hooks';
import { localized, useI18n } from '../../i18n';
import { navigate, useLocation, withQuery } from '../../router';
import { monthBounds } from './calendar';
import { CHANNELS, channelKey, isReversible, ledgerViewOf, matchesView, reversedSources, rowKind, withLocalReversals } from './ledger';
import { OfflineSaleForm, type Partner } from './OfflineSaleForm';
import { RequireRole } from './RequireRole';
import { ReverseDialog } from './ReverseDialog';
import { SaleSummary } from './SaleSummary';
import { villageProducts } from './villageProducts';

/** The cooperative's sales ledger (/coop/sales): every sale of its village, newest first, and its offline sales. */
export function SalesLedger() {
  useTitle('nav.sales', true);
  return (
    <RequireRole roles={['coop']} title="nav.sales">
      {(coop) => <Ledger villageId={coop.villageId} />}
    </RequireRole>
  );
}

function Ledger({ villageId }: { villageId: string }) {
  const { lang, t } = useI18n();
  const loc = useLocation();
  const view = ledgerViewOf(loc.query);
  const village = useAsync((signal) => api.village(villageId, signal), [villageId]);
  const products = useAsync((signal) => villageProducts(villageId, signal), [villageId]);
  const pairings = useAsync((signal) => salesApi.pairings({ villageId, limit: 100 }, signal), [villageId]);
  const organizations = useAsync(() => api.organizations({ limit: 100 }), []);
  const list = usePaged(
    (cursor, signal) =>
      salesApi.sales({ ...monthBounds(view.fromMonth, view.toMonth), channel: view.channel || undefined, limit: 20, cursor }, signal),
    [villageId, view.fromMonth, view.toMonth, view.channel],
  );
  const [creating, setCreating] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [reversing, setReversing] = useState<Sale | null>(null);
  const [localReversals, setLocalReversals] = useState<Sale[]>([]);
  const [flash, setFlash] = useState<{ kind: 'recorded' | 'reversed'; sale: Sale } | null>(null);

  const partners: Partner[] = [];
  for (const p of pairings.data?.items ?? []) {
    if (!partners.some((x) => x.organizationId === p.organizationId)) partners.push({ organizationId: p.organizationId, name: p.organizationName });
  }
  const organizationName = (id: string) => {
    const o = organizations.data?.items.find((x) => x.organizationId === id);
    return o ? localized(lang, o.name, o.nameEn) : partners.find((x) => x.organizationId === id)?.name;
  };
  const rows = withLocalReversals(list.items, localReversals);
  const reversed = reversedSources(rows);
  const filtered = Boolean(view.fromMonth || view.toMonth || view.channel);

  function recorded(sale: Sale) {
    if (matchesView(sale, view)) list.upsert(sale, (x) => x.source === sale.source);
    setFlash({ kind: 'recorded', sale });
    setFormKey((n) => n + 1);
    setCreating(false);
    requestAnimationFrame(() => document.getElementById('new-sale-toggle')?.focus());
  }

  function reversedDone(reversal: Sale | null) {
    setReversing(null);
    if (!reversal) return;
    setLocalReversals((prev) => [reversal, ...prev.filter((r) => r.source !== reversal.source)]);
    setFlash({ kind: 'reversed', sale: reversal });
    // The button that opened the dialog is gone (a sale is reversed once): land on the reversing record instead.
    requestAnimationFrame(() => document.getElementById('flash-title')?.focus());
  }

  const filter = (k: 'from' | 'to' | 'channel') => (e: Event) =>
    navigate(withQuery(loc, { [k]: (e.currentTarget as HTMLInputElement).value }), { replace: true });

  return (
    <>
      <h1>{t('nav.sales')}</h1>
      <p class="meta">
        {village.data && (
          <>
            {t('coop.village', { name: localized(lang, village.data.name, village.data.nameEn) })} ·{' '}
          </>
        )}
        <a href={`/reports/villages/${encodeURIComponent(villageId)}`}>{t('sales.progressReport')}</a>
      </p>

      <p class="status" role="status">
        {flash ? t(flash.kind === 'recorded' ? 'sales.recorded' : 'sales.reversed') : ''}
      </p>
      {flash && (
        <section class="panel flash-record" aria-labelledby="flash-title">
          <h2 id="flash-title" tabIndex={-1}>{t(flash.kind === 'recorded' ? 'sales.recordedTitle' : 'sales.reversalTitle')}</h2>
          <SaleSummary sale={flash.sale} organizationName={organizationName} />
          <p class="meta">
            <time dateTime={flash.sale.occurredAt}>{formatDateTime(flash.sale.occurredAt, lang)}</time>
            {flash.sale.note && <> · {flash.sale.note}</>}
          </p>
        </section>
      )}

      <section class="panel" aria-labelledby="new-sale">
        <h2 id="new-sale" class="disclosure-heading">
          <button
            type="button"
            id="new-sale-toggle"
            class="disclosure"
            aria-expanded={creating}
            aria-controls="new-sale-form"
            onClick={() => setCreating(!creating)}
          >
            <span aria-hidden="true" class="disclosure-icon">
              {creating ? '−' : '+'}
            </span>
            {t('sales.newOffline')}
          </button>
        </h2>
        {creating && (
          <div id="new-sale-form">
            <p class="hint">{t('sales.newOfflineIntro')}</p>
            {products.error ? (
              <ErrorNote error={products.error} onRetry={products.reload} />
            ) : !products.data ? (
              <Loading />
            ) : products.data.length === 0 ? (
              <p class="empty">{t('coop.noProducts')}</p>
            ) : (
              <OfflineSaleForm key={formKey} villageId={villageId} products={products.data} partners={partners} onSaved={recorded} />
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title">{t('sales.ledger')}</h2>
        <form class="filters" role="search" aria-label={t('sales.filters')} onSubmit={(e) => e.preventDefault()}>
          <Field id="ledger-from" label={t('sales.fromMonth')}>
            {(c) => <input {...c} type="month" value={view.fromMonth} onChange={filter('from')} />}
          </Field>
          <Field id="ledger-to" label={t('sales.toMonth')}>
            {(c) => <input {...c} type="month" value={view.toMonth} onChange={filter('to')} />}
          </Field>
          <Field id="ledger-channel" label={t('sales.channel')}>
            {(c) => (
              <select {...c} value={view.channel} onChange={filter('channel')}>
                <option value="">{t('sales.allChannels')}</option>
                {CHANNELS.map((ch) => (
                  <option key={ch} value={ch}>
                    {t(channelKey(ch))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {filtered && (
            <p class="filters-reset">
              <a href={loc.path}>{t('sales.clearFilters')}</a>
            </p>
          )}
        </form>

        {list.error && list.items.length === 0 ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 && list.loading ? (
          <Loading />
        ) : rows.length === 0 ? (
          <p class="empty">{t(filtered ? 'sales.noneFiltered' : 'sales.none')}</p>
        ) : (
          <ul class="ledger-list">
            {rows.map((s) => {
              const kind = rowKind(s);
              const wasReversed = reversed.has(s.source);
              return (
                <li key={s.source} class={kind !== 'sale' ? 'ledger-row is-reversal' : wasReversed ? 'ledger-row is-reversed' : 'ledger-row'}>
                  <SaleSummary sale={s} organizationName={organizationName} />
                  <p class="meta">
                    <time dateTime={s.occurredAt}>{formatDateTime(s.occurredAt, lang)}</time>
                    {s.householdFen !== undefined && <> · {t('sales.household', { amount: formatFen(s.householdFen) })}</>}
                  </p>
                  {kind !== 'sale' && (
                    <p class="tags">
                      <span class="tag tag-warn">{t(kind === 'reversal' ? 'sales.reversalTag' : 'sales.refundTag')}</span>
                    </p>
                  )}
                  {wasReversed && (
                    <p class="tags">
                      <span class="tag tag-muted">{t(s.channel === 'offline' ? 'sales.reversedTag' : 'sales.refundedTag')}</span>
                    </p>
                  )}
                  {s.note && <p class="sale-note">{s.note}</p>}
                  {s.receiptPhotoKey && <p class="meta">{t('sales.hasReceipt')}</p>}
                  {isReversible(s, reversed) && (
                    <div class="actions">
                      <button type="button" class="btn btn-small btn-danger" onClick={() => setReversing(s)}>
                        {t('sales.reverse')}
                        <span class="visually-hidden">
                          {' '}
                          · {s.productName} {formatFen(s.amountFen)} {formatDateTime(s.occurredAt, lang)}
                        </span>
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {list.error !== undefined && list.items.length > 0 && <ErrorNote error={list.error} onRetry={list.loadMore} />}
        <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onMore={list.loadMore} />
      </section>
      {reversing && <ReverseDialog sale={reversing} onClose={reversedDone} />}
    </>
  );
}

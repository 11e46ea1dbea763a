import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Actor } from '../../api';
import { buybackApi, type GuaranteeDetail as Detail } from '../../api/buyback';
import { ErrorNote, Loading } from '../../components/Status';
import { formatDateTime } from '../../format';
import { useAsync, useTitle } from '../../hooks';
import { useI18n } from '../../i18n';
import { NotFound } from '../NotFound';
import { RequireRole } from '../sales/RequireRole';
import { BreachPanel } from './Breach';
import { Deliveries } from './Deliveries';
import { sideOf } from './guarantee';
import { MarketPricePanel } from './MarketPricePanel';
import { ScopeName, StatusTag, unitLabel } from './parts';
import { Settlements } from './Settlements';
import { Summary } from './Summary';
import { OfferDecision, PendingAmendment, ProposeAmendment, TermsFacts, TermsHistory } from './Terms';

/** How often and how long to re-read a guarantee with a payment under way: the webhook arrives on its own time. */
const POLL_MS = 1500;
const POLL_FOR_MS = 30_000;

/** One guarantee (/buyback/:id): its terms and their history, deliveries with their prices, payments and breach. */
export function GuaranteeDetail({ id }: { id: string }) {
  useTitle('bb.detailTitle', true);
  return (
    <RequireRole roles={['coop', 'leader', 'organizer']} title="bb.detailTitle">
      {(actor) => <Loader id={id} actor={actor} />}
    </RequireRole>
  );
}

/** What a payment changes: the guarantee's counters, and each settlement's and delivery's status. */
const stateOf = (g: Detail): string =>
  [g.updatedAt, ...g.settlements.map((s) => `${s.settlementId}:${s.status}`), ...g.deliveries.map((d) => `${d.deliveryId}:${d.status}`)].join('|');

function Loader({ id, actor }: { id: string; actor: Actor }) {
  const g = useAsync((signal) => buybackApi.guarantee(id, signal), [id]);
  const [pollUntil, setPollUntil] = useState(() => Date.now() + POLL_FOR_MS);
  const [, setTick] = useState(0);
  // A delivery still `settling` next to no pending settlement is a read that straddled the payment's write (the
  // API reads deliveries and settlements apart): keep reading until both agree.
  const paying = Boolean(g.data?.settlements.some((s) => s.status === 'pending_payment') || g.data?.deliveries.some((d) => d.status === 'settling'));

  useEffect(() => {
    if (!paying || Date.now() >= pollUntil) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      buybackApi.guarantee(id, ctl.signal).then(
        (next) => (stateOf(next) === (g.data && stateOf(g.data)) ? setTick((n) => n + 1) : g.setData(next)),
        () => setTick((n) => n + 1), // a failed poll just tries again on the next round
      );
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  });

  if (g.error instanceof ApiError && (g.error.status === 404 || g.error.status === 400)) return <NotFound />;
  if (g.error && !g.data) return <ErrorNote error={g.error} onRetry={g.reload} />;
  if (!g.data) return <Loading />;
  return (
    <DetailView
      g={g.data}
      actor={actor}
      checking={paying && Date.now() < pollUntil}
      onCheckAgain={() => setPollUntil(Date.now() + POLL_FOR_MS)}
      onReload={g.reload}
      onData={g.setData}
    />
  );
}

interface ViewProps {
  g: Detail;
  actor: Actor;
  checking: boolean;
  onCheckAgain(): void;
  onReload(): void;
  onData(g: Detail): void;
}

function DetailView({ g, actor, checking, onCheckAgain, onReload, onData }: ViewProps) {
  const { lang, t } = useI18n();
  const side = sideOf(actor, g);
  const [flash, setFlash] = useState('');
  const [pricing, setPricing] = useState(false);
  const unit = unitLabel(g, t);
  /** After an action: say what happened, and show the guarantee as it is now. */
  const changed = (message: string, next?: Detail) => {
    setFlash(message);
    if (next) onData(next);
    else onReload();
  };
  const productIds =
    g.scope.kind === 'product' ? [g.scope.productId] : [...new Set(g.deliveries.map((d) => d.product.productId))];

  return (
    <article class="guarantee">
      <p class="meta no-print">
        <a href="/buyback">{t('bb.backToList')}</a>
      </p>
      <div class="order-card-head">
        <h1>
          <ScopeName g={g} /> · {g.villageName}
        </h1>
        <StatusTag status={g.status} />
      </div>
      <p class="meta">
        {t('bb.parties', { organization: g.organizationName, village: g.villageName })} ·{' '}
        {t('bb.offeredBy', { name: g.offeredBy.displayName, time: formatDateTime(g.createdAt, lang) })}
      </p>
      <p class="status" role="status">
        {flash}
      </p>

      <OfferDecision g={g} side={side} onChanged={changed} />
      {g.status === 'declined' && <p class="note">{t('bb.declinedNote')}</p>}
      {g.status === 'lapsed' && (
        <p class="note">{t('bb.lapsedNote', { time: formatDateTime(g.closedAt ?? g.closesAt, lang) })}</p>
      )}
      {g.pendingAmendmentVersion !== null && <PendingAmendment g={g} side={side} onChanged={changed} />}
      <BreachPanel g={g} side={side} onChanged={changed} />

      <section class="panel" aria-labelledby="bb-terms">
        <h2 id="bb-terms">{t('bb.termsInForce', { version: g.termsVersion })}</h2>
        <TermsFacts terms={g.terms} unit={unit} />
        <p class="hint">{t('bb.priceRuleNote')}</p>
        {g.status === 'active' && <p class="meta">{t('bb.closesAt', { time: formatDateTime(g.closesAt, lang) })}</p>}
      </section>

      {(g.status === 'active' || g.status === 'closed') && <Summary g={g} />}
      {(g.status === 'active' || g.status === 'closed') && <Deliveries g={g} side={side} onChanged={changed} />}
      <Settlements g={g} side={side} checking={checking} onCheckAgain={onCheckAgain} onChanged={changed} />
      <ProposeAmendment key={g.termsVersion} g={g} side={side} onChanged={changed} />
      <TermsHistory g={g} />

      {side === 'organizer' && productIds.length > 0 && (
        <section class="panel" aria-labelledby="bb-market-toggle">
          <h2 id="bb-market-toggle" class="disclosure-heading">
            <button type="button" class="disclosure" aria-expanded={pricing} aria-controls="bb-detail-market" onClick={() => setPricing(!pricing)}>
              <span aria-hidden="true" class="disclosure-icon">
                {pricing ? '−' : '+'}
              </span>
              {t('bb.market.title')}
            </button>
          </h2>
          {pricing && (
            <div id="bb-detail-market">
              <MarketPricePanel productIds={productIds} />
            </div>
          )}
        </section>
      )}
    </article>
  );
}

import { useRef, useState } from 'preact/hooks';
import { api, ApiError, newIdempotencyKey, type GroupBuy } from '../../api';
import { lineTotalFen } from '../../cart';
import { useNow } from '../../clock';
import { QuantityInput } from '../../components/QuantityInput';
import { errorText } from '../../components/Status';
import { formatCount, formatFen } from '../../format';
import { isJoinable, progressOf } from '../../groupBuy';
import { unitKey, useI18n } from '../../i18n';
import { goPay } from '../../payment';
import { useActor } from '../../session';

/** Join with a quantity (1…what is left) and go to pay; a retried submit of the same quantity reuses its key. */
export function JoinForm({ g, onRefused }: { g: GroupBuy; onRefused(): void }) {
  const { lang, t } = useI18n();
  const actor = useActor();
  const now = useNow();
  const [qty, setQty] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ qty: number; key: string } | null>(null);
  const inputRef = useRef<HTMLDivElement>(null);
  const { left } = progressOf(g);
  const unit = t(unitKey(g.unit));

  if (!isJoinable(g, now)) {
    return g.status === 'open' && left === 0 ? <p class="note">{t('gb.soldOut')}</p> : null;
  }
  if (actor === undefined) return null;
  if (actor === null) {
    const next = `/group-buys/${encodeURIComponent(g.groupBuyId)}`;
    return (
      <p class="note">
        {t('gb.signInToJoin')} <a href={`/sign-in?next=${encodeURIComponent(next)}`}>{t('nav.signIn')}</a>
      </p>
    );
  }
  if (actor.role !== 'buyer' && actor.role !== 'leader') return <p class="note">{t('checkout.wrongRole')}</p>;

  const n = /^\d+$/.test(qty) ? Number(qty) : 0;
  const valid = n >= 1 && n <= left;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (!valid) {
      setError(t('cart.upTo', { n: formatCount(left, lang), unit }));
      requestAnimationFrame(() => inputRef.current?.querySelector('input')?.focus());
      return;
    }
    if (attempt.current?.qty !== n) attempt.current = { qty: n, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    try {
      const placed = await api.joinGroupBuy(g.groupBuyId, n, attempt.current.key);
      attempt.current = null;
      goPay(placed);
    } catch (err) {
      setBusy(false);
      const refused = err instanceof ApiError && ['sold_out', 'closed', 'over_maximum'].includes(err.code);
      setError(
        err instanceof ApiError && err.code === 'sold_out'
          ? t('gb.soldOut')
          : err instanceof ApiError && err.code === 'closed'
            ? t('gb.closed')
            : err instanceof ApiError && err.code === 'over_maximum'
              ? t('gb.overMaximum')
              : errorText(err, t),
      );
      if (refused) {
        attempt.current = null;
        onRefused();
      }
      requestAnimationFrame(() => inputRef.current?.querySelector('input')?.focus());
    }
  }

  return (
    <form class="panel stack join-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="join-h">
      <h2 id="join-h">{t('gb.join')}</h2>
      <div class={error ? 'field field-invalid' : 'field'} ref={inputRef}>
        <label for="join-qty">{t('cart.quantity', { unit })}</label>
        <p class="hint" id="join-qty-hint">
          {t('gb.left', { n: formatCount(left, lang), unit })}
        </p>
        <QuantityInput
          id="join-qty"
          value={qty}
          max={left}
          onChange={(v) => {
            setQty(v);
            setError(null);
          }}
          label={g.productName}
          describedBy={error ? 'join-qty-hint join-qty-error' : 'join-qty-hint'}
          invalid={!!error}
        />
        {error && (
          <p class="field-error" id="join-qty-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <p>
        {t('cart.total')} <strong class="money">{valid ? formatFen(lineTotalFen({ priceFen: g.unitPriceFen, quantity: n })) : '—'}</strong>
      </p>
      <div class="actions">
        <button type="submit" class="btn btn-primary" aria-disabled={busy}>
          {busy ? t('checkout.placing') : t('gb.joinAndPay')}
        </button>
      </div>
      <p class="hint">{t('gb.holdNote')}</p>
    </form>
  );
}

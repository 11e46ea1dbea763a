import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { errorText } from '../../components/Status';
import { useI18n } from '../../i18n';
import { paymentFor, rememberPayment, simulatorPayPage } from '../../payment';

/**
 * "Pay now" for an order awaiting payment. The browser that placed the order links straight to the pay page; any
 * other browser of the buyer asks the API for the payment on click, then goes there. `onStale` runs when the API
 * says the order no longer awaits payment (paid or cancelled meanwhile), so the caller can re-read it.
 */
export function PayNow({ orderId, onStale }: { orderId: string; onStale?: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [stripe, setStripe] = useState(false);
  const known = paymentFor(orderId);
  if (stripe || known?.provider === 'stripe') return <p class="note">{t('orders.stripePending')}</p>;
  const href = known ? simulatorPayPage(orderId, known) : null;
  if (href) {
    return (
      <p>
        <a class="btn btn-primary" href={href} data-full-load>
          {t('orders.payNow')}
        </a>
      </p>
    );
  }

  async function pay() {
    setBusy(true);
    setError(undefined);
    try {
      const session = await api.orderPayment(orderId);
      rememberPayment(orderId, session);
      const url = simulatorPayPage(orderId, session);
      if (url) return location.assign(url); // stays busy while the pay page loads
      if (session.provider === 'stripe') setStripe(true);
      else setError(new Error('The payment has no pay page'));
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.status === 409) onStale?.();
    }
    setBusy(false);
  }

  const gone = error instanceof ApiError && error.status === 409;
  return (
    <>
      <p>
        <button type="button" class="btn btn-primary" disabled={busy} aria-busy={busy} onClick={() => void pay()}>
          {t('orders.payNow')}
        </button>
      </p>
      {error !== undefined && (
        <p class="note note-error" role="alert">
          {gone ? t('orders.payGone') : errorText(error, t)}
        </p>
      )}
    </>
  );
}

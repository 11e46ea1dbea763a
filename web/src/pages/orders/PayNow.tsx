import { useI18n } from '../../i18n';
import { paymentFor, payPageUrl } from '../../payment';

/**
 * "Pay now" for an order awaiting payment. The payment session is known only to the browser that placed the
 * order (the API hands it out once, on creation).
 */
export function PayNow({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const session = paymentFor(orderId);
  if (session?.provider === 'simulator' && session.payUrl) {
    return (
      <p>
        <a class="btn btn-primary" href={payPageUrl(session.payUrl, orderId)} data-full-load>
          {t('orders.payNow')}
        </a>
      </p>
    );
  }
  if (session?.provider === 'stripe') return <p class="note">{t('orders.stripePending')}</p>;
  return <p class="note">{t('orders.payElsewhere')}</p>;
}

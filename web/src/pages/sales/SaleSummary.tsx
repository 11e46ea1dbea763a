import type { Sale } from '../../api/sales';
import { formatCount, formatFen } from '../../format';
import { unitKey, useI18n } from '../../i18n';
import { buyerOf, channelKey } from './ledger';

/** What a ledger row says: product × quantity, amount, channel and buyer. Negative rows (refunds, reversals) read as such. */
export function SaleSummary({ sale, organizationName }: { sale: Sale; organizationName?: (organizationId: string) => string | undefined }) {
  const { lang, t } = useI18n();
  const buyer = buyerOf(sale);
  const unit = sale.unit ? t(unitKey(sale.unit)) : '';
  const negative = sale.amountFen < 0;
  return (
    <div class="sale-summary">
      <p class="sale-line">
        <span class="sale-product">
          {sale.productName ?? sale.productId} × {formatCount(sale.quantity, lang)}
          {unit && ` ${unit}`}
        </span>
        <strong class={negative ? 'money money-negative' : 'money'}>{formatFen(sale.amountFen)}</strong>
      </p>
      <p class="meta">
        <span class="tag">{t(channelKey(sale.channel))}</span>{' '}
        {t('ledger.buyer')}
        {t('ledger.colon')}
        {buyer.kind === 'counterparty'
          ? buyer.name
          : buyer.kind === 'organization'
            ? (organizationName?.(buyer.organizationId) ?? t('ledger.organization'))
            : buyer.kind === 'person'
              ? t('ledger.person')
              : t('ledger.unknownBuyer')}
      </p>
    </div>
  );
}

import type { GroupBuy } from '../api';
import { formatFen } from '../format';
import { savingFen } from '../groupBuy';
import { unitKey, useI18n } from '../i18n';

/** The group price per unit against the list price (struck through) and the saving. */
export function GroupBuyPrice({ g, large }: { g: GroupBuy; large?: boolean }) {
  const { t } = useI18n();
  const unit = t(unitKey(g.unit));
  const saving = savingFen(g);
  return (
    <p class={large ? 'gb-price price-large' : 'gb-price'}>
      <span class="price">
        <span class="visually-hidden">{t('gb.groupPrice')}: </span>
        {t('products.perUnit', { price: formatFen(g.unitPriceFen), unit })}
      </span>
      {saving > 0 && (
        <>
          {' '}
          <del class="list-price">
            <span class="visually-hidden">{t('gb.listPrice')}: </span>
            {formatFen(g.listPriceFen)}
          </del>{' '}
          <span class="tag tag-season">{t('gb.save', { amount: formatFen(saving) })}</span>
        </>
      )}
    </p>
  );
}

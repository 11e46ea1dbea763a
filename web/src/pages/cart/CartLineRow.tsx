import { useEffect, useState } from 'preact/hooks';
import { lineTotalFen, removeLine, setQuantity, type CartLine } from '../../cart';
import { cartStore } from '../../cartStore';
import { focusMainHeading } from '../../focus';
import { QuantityInput } from '../../components/QuantityInput';
import { formatCount, formatFen } from '../../format';
import { localized, unitKey, useI18n } from '../../i18n';

/** One cart line: name, unit price, quantity (1…stock), line total, remove; an API error shows beside it. */
export function CartLineRow({
  line: l,
  error,
  onChange,
}: {
  line: CartLine;
  error: string | undefined;
  onChange(lines: CartLine[]): void;
}) {
  const { lang, t } = useI18n();
  const [draft, setDraft] = useState(String(l.quantity));
  useEffect(() => setDraft(String(l.quantity)), [l.quantity]);
  const name = localized(lang, l.name, l.nameEn);
  const unit = t(unitKey(l.unit));
  const id = `qty-${l.productId}`;
  const local = draft === '' ? null : Number(draft) < 1 || Number(draft) > l.stock ? t('cart.upTo', { n: formatCount(l.stock, lang), unit }) : null;
  const shown = error ?? local;

  function edit(value: string) {
    setDraft(value);
    const n = Number(value);
    if (/^\d+$/.test(value) && n >= 1 && n <= l.stock) onChange(setQuantity(cartStore.get(), l.productId, n));
  }

  return (
    <li class={l.unavailable ? 'cart-line is-unavailable' : 'cart-line'}>
      <div class="cart-line-head">
        <h3 class="card-title">
          <a href={`/products/${encodeURIComponent(l.productId)}`}>{name}</a>
        </h3>
        <p class="meta">{t('products.perUnit', { price: formatFen(l.priceFen), unit })}</p>
      </div>
      {l.unavailable ? (
        <p class="tag tag-muted">{t('cart.unavailable')}</p>
      ) : (
        <div class={shown ? 'field field-invalid cart-qty' : 'field cart-qty'}>
          <label for={id}>{t('cart.quantity', { unit })}</label>
          <QuantityInput
            id={id}
            value={draft}
            max={l.stock}
            onChange={edit}
            label={name}
            describedBy={shown ? `${id}-error` : undefined}
            invalid={!!shown}
          />
          {shown && (
            <p class="field-error" id={`${id}-error`}>
              {shown}
            </p>
          )}
        </div>
      )}
      <p class="cart-line-total">
        <span class="visually-hidden">{t('cart.lineTotal')} </span>
        <span class="money">{l.unavailable ? '—' : formatFen(lineTotalFen(l))}</span>
      </p>
      <button
        type="button"
        class="btn btn-small btn-danger"
        onClick={() => {
          onChange(removeLine(cartStore.get(), l.productId));
          requestAnimationFrame(focusMainHeading);
        }}
      >
        {t('cart.remove')}
        <span class="visually-hidden"> {name}</span>
      </button>
    </li>
  );
}

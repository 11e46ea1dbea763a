import { useState } from 'preact/hooks';
import type { Product } from '../api';
import { lineFromProduct, MAX_CART_LINES, roomFor } from '../cart';
import { addToCart, useCart } from '../cartStore';
import { formatCount } from '../format';
import { localized, unitKey, useI18n } from '../i18n';
import { useActor } from '../session';
import { QuantityInput } from './QuantityInput';

/** Quantity (never more than the stock not already in the cart) and "add to cart", on the product page. */
export function AddToCart({ p }: { p: Product }) {
  const { lang, t } = useI18n();
  const actor = useActor();
  const cart = useCart();
  const [qty, setQty] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string>('');
  const unit = t(unitKey(p.unit));
  const name = localized(lang, p.name, p.nameEn);
  const room = roomFor(cart, p.productId, p.stock);
  const full = !cart.some((l) => l.productId === p.productId) && cart.length >= MAX_CART_LINES;

  if (actor && (actor.role === 'coop' || actor.role === 'organizer')) return null;
  if (p.status !== 'active' || p.stock === 0) return null;

  function submit(e: Event) {
    e.preventDefault();
    const n = /^\d+$/.test(qty) ? Number(qty) : 0;
    if (n < 1) return setError(t('form.countInvalid'));
    if (n > room) return setError(t('cart.maxRoom', { n: formatCount(room, lang), unit }));
    setError(null);
    const done = addToCart(lineFromProduct(p, n));
    setAdded(t('cart.added', { n: formatCount(done, lang), unit, name }));
    setQty('1');
  }

  return (
    <form class="add-to-cart" onSubmit={submit} noValidate>
      {room === 0 ? (
        <p class="note">{t('cart.allInCart')}</p>
      ) : full ? (
        <p class="note">{t('cart.full', { n: MAX_CART_LINES })}</p>
      ) : (
        <div class={error ? 'field field-invalid' : 'field'}>
          <label for="add-qty">{t('cart.quantity', { unit })}</label>
          <p class="hint" id="add-qty-hint">
            {t('cart.upTo', { n: formatCount(room, lang), unit })}
          </p>
          <div class="add-row">
            <QuantityInput
              id="add-qty"
              value={qty}
              max={room}
              onChange={setQty}
              label={name}
              describedBy={error ? 'add-qty-hint add-qty-error' : 'add-qty-hint'}
              invalid={!!error}
            />
            <button type="submit" class="btn btn-primary">
              {t('cart.add')}
            </button>
          </div>
          {error && (
            <p class="field-error" id="add-qty-error">
              {error}
            </p>
          )}
        </div>
      )}
      <p class="status" role="status">
        {added && (
          <>
            {added} <a href="/cart">{t('cart.view')}</a>
          </>
        )}
      </p>
    </form>
  );
}

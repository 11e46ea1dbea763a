import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Product } from '../../api';
import { cartTotalFen, groupByVillage, refreshLine, type CartLine } from '../../cart';
import { cartStore, saveCart, useCart } from '../../cartStore';
import { formatFen } from '../../format';
import { useTitle } from '../../hooks';
import { localized, useI18n } from '../../i18n';
import { useAllVillages } from '../../villages';
import { CartLineRow } from './CartLineRow';
import { Checkout } from './Checkout';

/** The cart: lines grouped by village with subtotals, re-checked against current prices and stock, then checkout. */
export function Cart() {
  const { lang, t } = useI18n();
  useTitle('cart.title', true);
  const lines = useCart();
  const villages = useAllVillages().data;
  const [notices, setNotices] = useState<string[]>([]);
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});

  // Re-read every product once: prices and stock may have moved since it was added.
  useEffect(() => {
    const ctl = new AbortController();
    const before = cartStore.get();
    if (before.length === 0) return;
    void Promise.all(
      before.map((l) =>
        api.product(l.productId, ctl.signal).catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 404) return null;
          return undefined; // network trouble: keep the line as it is
        }),
      ),
    ).then((fresh) => {
      if (ctl.signal.aborted) return;
      const found = new Map<string, Product | null>();
      before.forEach((l, i) => {
        const p = fresh[i];
        if (p !== undefined) found.set(l.productId, p);
      });
      const out: string[] = [];
      const next = cartStore.get().map((l) => {
        if (!found.has(l.productId)) return l;
        const { line, change } = refreshLine(l, found.get(l.productId) ?? null);
        const name = localized(lang, l.name, l.nameEn);
        if (change.unavailable && !l.unavailable) out.push(t('cart.nowUnavailable', { name }));
        else if (change.reduced) out.push(t('cart.reduced', { name, n: line.quantity }));
        if (change.priceChanged) out.push(t('cart.priceChanged', { name, price: formatFen(line.priceFen) }));
        return line;
      });
      saveCart(next);
      setNotices(out);
    });
    return () => ctl.abort();
  }, []);

  const groups = groupByVillage(lines);
  const buyable = lines.filter((l) => !l.unavailable);
  const villageName = (id: string) => {
    const v = villages?.find((x) => x.villageId === id);
    return v ? localized(lang, v.name, v.nameEn) : t('nav.villages');
  };
  const change = (next: CartLine[]) => {
    saveCart(next);
    setLineErrors({});
  };

  return (
    <>
      <h1>{t('cart.title')}</h1>
      {notices.length > 0 && (
        <div class="note" role="status">
          <ul class="plain-list">
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {lines.length === 0 ? (
        <div class="empty-state">
          <p class="empty">{t('cart.empty')}</p>
          <p class="actions">
            <a class="btn" href="/products">
              {t('cart.browse')}
            </a>
            <a class="btn" href="/group-buys">
              {t('nav.groupBuys')}
            </a>
          </p>
        </div>
      ) : (
        <>
          {groups.map((g) => (
            <section key={g.villageId} class="panel cart-group" aria-labelledby={`cart-v-${g.villageId}`}>
              <h2 id={`cart-v-${g.villageId}`}>
                <a href={`/villages/${encodeURIComponent(g.villageId)}`}>{villageName(g.villageId)}</a>
              </h2>
              <ul class="cart-lines">
                {g.lines.map((l) => (
                  <CartLineRow key={l.productId} line={l} error={lineErrors[l.productId]} onChange={change} />
                ))}
              </ul>
              <p class="subtotal">
                {t('cart.subtotal')} <strong class="money">{formatFen(g.subtotalFen)}</strong>
              </p>
            </section>
          ))}
          <p class="cart-total">
            {t('cart.total')} <strong class="money price-large">{formatFen(cartTotalFen(lines))}</strong>
          </p>
          <Checkout lines={buyable} onLineErrors={setLineErrors} />
        </>
      )}
    </>
  );
}

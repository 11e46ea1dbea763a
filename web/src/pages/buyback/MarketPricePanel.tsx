import { useRef, useState } from 'preact/hooks';
import { api, type Product } from '../../api';
import { buybackApi } from '../../api/buyback';
import { Field } from '../../components/Field';
import { ErrorNote, Loading } from '../../components/Status';
import { formatDateTime, formatFen, parseYuan } from '../../format';
import { useAsync } from '../../hooks';
import { localized, unitKey, useI18n } from '../../i18n';
import { errorsFromApi, focusFirstError, type Errors } from '../coop/formErrors';
import { addDays, formatDay, isoWeekOfDay, mondayOf, todayInShanghai } from '../sales/calendar';

type Key = 'product' | 'week' | 'price';

/** Every product on sale, for organizers to price (the programme has dozens, not thousands; withdrawn ones are not bought back). */
async function allProducts(signal: AbortSignal): Promise<Product[]> {
  const out: Product[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page = await api.products({ status: 'active', sort: 'newest', limit: 100, cursor }, signal);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Next week, this week and the eight before it: the weeks a reference price is usually entered or corrected for. */
function weeksAround(today: string): string[] {
  const monday = mondayOf(isoWeekOfDay(today)) ?? today;
  return Array.from({ length: 10 }, (_, i) => isoWeekOfDay(addDays(monday, 7 * (1 - i))));
}

/**
 * Organizers enter a product's market reference price (the content of a disclosure whose heading names it) for an ISO week (PUT: entering it again corrects it).
 * Deliveries accepted that week are priced at max(floor, this price); without one, the product's list price.
 */
export function MarketPricePanel({ productIds }: { productIds?: string[] }) {
  const { lang, t } = useI18n();
  const products = useAsync(
    (signal) => (productIds ? Promise.all(productIds.map((id) => api.product(id, signal))) : allProducts(signal)),
    [productIds?.join(',')],
  );
  const today = todayInShanghai();
  const weeks = weeksAround(today);
  const [productId, setProductId] = useState(productIds?.length === 1 ? (productIds[0] ?? '') : '');
  const [week, setWeek] = useState(isoWeekOfDay(today));
  const [price, setPrice] = useState('');
  const [errors, setErrors] = useState<Errors<Key>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const prices = useAsync((signal) => (productId ? buybackApi.marketPrices(productId, signal) : Promise.resolve({ items: [] })), [productId]);
  const product = products.data?.find((p) => p.productId === productId);
  const unit = product ? t(unitKey(product.unit)) : '';

  async function submit(e: Event) {
    e.preventDefault();
    if (saving) return;
    const priceFen = parseYuan(price);
    const found: Errors<Key> = {};
    if (!product) found.product = t('form.requiredField');
    if (priceFen === null || priceFen < 1) found.price = t('form.priceInvalid');
    if (!product || priceFen === null || Object.keys(found).length > 0) {
      setErrors({ ...found, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    setSaving(true);
    setErrors({});
    setSaved(null);
    try {
      const stored = await buybackApi.setMarketPrice(product.productId, week, priceFen);
      setSaved(t('bb.market.saved', { product: localized(lang, product.name, product.nameEn), week: stored.isoWeek, price: formatFen(stored.priceFen) }));
      setPrice('');
      prices.reload();
    } catch (err) {
      setErrors(errorsFromApi(err, { productId: 'product', isoWeek: 'week', priceFen: 'price' }, t));
      requestAnimationFrame(() => focusFirstError(formRef.current));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div class="stack">
      <p class="hint">{t('bb.market.intro')}</p>
      {products.error ? (
        <ErrorNote error={products.error} onRetry={products.reload} />
      ) : !products.data ? (
        <Loading />
      ) : (
        <form ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
          {errors.form && (
            <p class="note note-error" role="alert" tabIndex={-1}>
              {errors.form}
            </p>
          )}
          <div class="form-grid">
            <Field id="market-product" label={t('sales.product')} error={errors.product} required>
              {(c) => (
                <select {...c} value={productId} onChange={(e) => setProductId(e.currentTarget.value)}>
                  <option value="">{t('leader.chooseProduct')}</option>
                  {(products.data ?? []).map((p) => (
                    <option key={p.productId} value={p.productId}>
                      {localized(lang, p.name, p.nameEn)} · {t('products.perUnit', { price: formatFen(p.priceFen), unit: t(unitKey(p.unit)) })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="market-week" label={t('bb.market.week')} error={errors.week} required>
              {(c) => (
                <select {...c} value={week} onChange={(e) => setWeek(e.currentTarget.value)}>
                  {weeks.map((w) => (
                    <option key={w} value={w}>
                      {t('weekly.weekOption', { week: w, from: formatDay(mondayOf(w) ?? '', lang), to: formatDay(addDays(mondayOf(w) ?? today, 6), lang) })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id="market-price"
              label={unit ? t('bb.market.pricePer', { unit }) : t('bb.market.price')}
              hint={product ? t('bb.market.listPrice', { price: formatFen(product.priceFen) }) : undefined}
              error={errors.price}
              required
            >
              {(c) => <input {...c} type="text" inputMode="decimal" autoComplete="off" value={price} onInput={(e) => setPrice(e.currentTarget.value)} />}
            </Field>
          </div>
          <div class="actions">
            <button type="submit" class="btn btn-primary" aria-disabled={saving}>
              {saving ? t('common.saving') : t('bb.market.save')}
            </button>
          </div>
          <p class="status" role="status">
            {saved ?? ''}
          </p>
        </form>
      )}
      {productId && prices.data && (
        prices.data.items.length === 0 ? (
          <p class="empty">{t('bb.market.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">{t('bb.market.history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bb.market.week')}</th>
                  <th scope="col" class="num">
                    {t('bb.market.price')}
                  </th>
                  <th scope="col">{t('bb.market.enteredBy')}</th>
                </tr>
              </thead>
              <tbody>
                {prices.data.items.slice(0, 12).map((p) => (
                  <tr key={p.isoWeek}>
                    <th scope="row">{p.isoWeek}</th>
                    <td class="num">{formatFen(p.priceFen)}</td>
                    <td>
                      {p.enteredBy.displayName} · {formatDateTime(p.enteredAt, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </div>
  );
}

import { useRef, useState } from 'preact/hooks';
import type { ProductCategory, ProductInput, ProductPatch, ProductUnit } from '../../../../shared/domain/product.js';
import { api, ApiError, newIdempotencyKey, type Product } from '../../api';
import { Field } from '../../components/Field';
import { fenToDecimal, parsePercentToBps, parseYuan } from '../../format';
import { categoryKey, unitKey, useI18n } from '../../i18n';
import { CATEGORIES } from '../Products';
import { errorsFromApi, focusFirstError, isMonthDay, parseCount, type Errors } from './formErrors';

export const UNITS: ProductUnit[] = ['只', '斤', 'kg', '盒', '箱', '袋', '瓶', '罐', '个', '枚', '份', '束'];

type Key =
  | 'name'
  | 'nameEn'
  | 'category'
  | 'unit'
  | 'price'
  | 'stock'
  | 'harvestStart'
  | 'harvestEnd'
  | 'description'
  | 'descriptionEn'
  | 'farmerShare';

/** API field paths → this form's fields. */
const FIELD_MAP: Record<string, Key> = {
  name: 'name',
  nameEn: 'nameEn',
  category: 'category',
  unit: 'unit',
  priceFen: 'price',
  stock: 'stock',
  harvestWindow: 'harvestStart',
  'harvestWindow.start': 'harvestStart',
  'harvestWindow.end': 'harvestEnd',
  description: 'description',
  descriptionEn: 'descriptionEn',
  farmerShareBps: 'farmerShare',
};

interface Values {
  name: string;
  nameEn: string;
  category: ProductCategory;
  unit: ProductUnit;
  price: string;
  stock: string;
  allYear: boolean;
  harvestStart: string;
  harvestEnd: string;
  description: string;
  descriptionEn: string;
  farmerShare: string;
}

function initialValues(p?: Product): Values {
  return {
    name: p?.name ?? '',
    nameEn: p?.nameEn ?? '',
    category: p?.category ?? 'poultry',
    unit: p?.unit ?? '只',
    price: p ? fenToDecimal(p.priceFen) : '',
    stock: '',
    allYear: p ? p.harvestWindow === null : false,
    harvestStart: p?.harvestWindow?.start ?? '',
    harvestEnd: p?.harvestWindow?.end ?? '',
    description: p?.description ?? '',
    descriptionEn: p?.descriptionEn ?? '',
    farmerShare: '100',
  };
}

type Props =
  | { mode: 'create'; villageId: string; onSaved(p: Product): void; onStale?: never; product?: never; onCancel?: () => void }
  | { mode: 'edit'; product: Product; onSaved(p: Product): void; onStale(latest: Product): void; onCancel(): void };

/** Create or edit a product. Edit sends only changed fields, guarded by If-Match on the version read. */
export function ProductForm(props: Props) {
  const { t } = useI18n();
  const prefix = props.mode === 'edit' ? `edit-${props.product.productId}` : 'new';
  const [v, setV] = useState<Values>(() => initialValues(props.product));
  const [errors, setErrors] = useState<Errors<Key>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Same body on retry → same Idempotency-Key, so a lost response never creates the product twice.
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  const text = (k: Key & keyof Values) => ({
    value: v[k] as string,
    onInput: (e: Event) => set(k, (e.currentTarget as HTMLInputElement).value),
  });

  function validate(): { errors: Errors<Key>; priceFen: number; stock: number; share: number } {
    const e: Errors<Key> = {};
    if (!v.name.trim()) e.name = t('form.requiredField');
    const priceFen = parseYuan(v.price);
    if (priceFen === null || priceFen < 1) e.price = t('form.priceInvalid');
    const stock = v.stock.trim() === '' ? 0 : parseCount(v.stock);
    if (props.mode === 'create' && stock === null) e.stock = t('form.stockInvalid');
    const share = parsePercentToBps(v.farmerShare);
    if (props.mode === 'create' && (share === null || share > 10_000)) e.farmerShare = t('form.farmerShareInvalid');
    if (!v.allYear) {
      if (!isMonthDay(v.harvestStart)) e.harvestStart = t('form.monthDayInvalid');
      if (!isMonthDay(v.harvestEnd)) e.harvestEnd = t('form.monthDayInvalid');
    }
    return { errors: e, priceFen: priceFen ?? 0, stock: stock ?? 0, share: share ?? 10_000 };
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    if (saving) return;
    const checked = validate();
    if (Object.keys(checked.errors).length > 0) {
      setErrors({ ...checked.errors, form: t('form.fixErrors') });
      requestAnimationFrame(() => focusFirstError(formRef.current));
      return;
    }
    const harvestWindow = v.allYear ? null : { start: v.harvestStart, end: v.harvestEnd };
    setSaving(true);
    setErrors({});
    try {
      if (props.mode === 'create') {
        const input: ProductInput = {
          name: v.name.trim(),
          ...(v.nameEn.trim() ? { nameEn: v.nameEn.trim() } : {}),
          category: v.category,
          unit: v.unit,
          priceFen: checked.priceFen,
          stock: checked.stock,
          harvestWindow,
          description: v.description.trim(),
          ...(v.descriptionEn.trim() ? { descriptionEn: v.descriptionEn.trim() } : {}),
          farmerShareBps: checked.share,
        };
        const body = JSON.stringify(input);
        if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
        const created = await api.createProduct(props.villageId, input, attempt.current.key);
        attempt.current = null;
        setV(initialValues());
        props.onSaved(created);
      } else {
        const p = props.product;
        const patch: ProductPatch = {};
        if (v.name.trim() !== p.name) patch.name = v.name.trim();
        if (v.nameEn.trim() && v.nameEn.trim() !== (p.nameEn ?? '')) patch.nameEn = v.nameEn.trim();
        if (v.category !== p.category) patch.category = v.category;
        if (v.unit !== p.unit) patch.unit = v.unit;
        if (checked.priceFen !== p.priceFen) patch.priceFen = checked.priceFen;
        if (JSON.stringify(harvestWindow) !== JSON.stringify(p.harvestWindow)) patch.harvestWindow = harvestWindow;
        if (v.description.trim() !== p.description) patch.description = v.description.trim();
        if (v.descriptionEn.trim() !== (p.descriptionEn ?? '')) patch.descriptionEn = v.descriptionEn.trim();
        if (Object.keys(patch).length === 0) return props.onCancel();
        props.onSaved(await api.updateProduct(p.productId, patch, p.version));
      }
    } catch (err) {
      if (props.mode === 'edit' && err instanceof ApiError && err.status === 412) {
        const latest = await api.product(props.product.productId).catch(() => null);
        if (latest) return props.onStale(latest);
      }
      setErrors(errorsFromApi(err, FIELD_MAP, t));
      requestAnimationFrame(() => focusFirstError(formRef.current));
    } finally {
      setSaving(false);
    }
  }

  const id = (k: string) => `${prefix}-${k}`;
  return (
    <form ref={formRef} class="stack" onSubmit={(e) => void submit(e)} noValidate>
      {errors.form && (
        <p class="note note-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <div class="form-grid">
        <Field id={id('name')} label={t('form.name')} error={errors.name} required>
          {(c) => <input {...c} type="text" maxLength={60} autoComplete="off" {...text('name')} />}
        </Field>
        <Field id={id('nameEn')} label={t('form.nameEn')} error={errors.nameEn}>
          {(c) => <input {...c} type="text" lang="en" maxLength={120} autoComplete="off" {...text('nameEn')} />}
        </Field>
        <Field id={id('category')} label={t('form.category')} error={errors.category} required>
          {(c) => (
            <select {...c} value={v.category} onChange={(e) => set('category', e.currentTarget.value as ProductCategory)}>
              {CATEGORIES.map((cat) => (
                <option key={cat} value={cat}>
                  {t(categoryKey(cat))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id('unit')} label={t('form.unit')} error={errors.unit} required>
          {(c) => (
            <select {...c} value={v.unit} onChange={(e) => set('unit', e.currentTarget.value as ProductUnit)}>
              {UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(unitKey(u))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id('price')} label={t('form.price')} hint={t('form.priceHint')} error={errors.price} required>
          {(c) => <input {...c} type="text" inputMode="decimal" autoComplete="off" {...text('price')} />}
        </Field>
        {props.mode === 'create' && (
          <Field id={id('stock')} label={t('form.stock')} error={errors.stock} required>
            {(c) => <input {...c} type="text" inputMode="numeric" autoComplete="off" placeholder="0" {...text('stock')} />}
          </Field>
        )}
        {props.mode === 'create' && (
          <Field
            id={id('farmerShare')}
            label={t('form.farmerShare')}
            hint={t('form.farmerShareHint')}
            error={errors.farmerShare}
          >
            {(c) => <input {...c} type="text" inputMode="decimal" autoComplete="off" {...text('farmerShare')} />}
          </Field>
        )}
      </div>

      <fieldset class="fieldset">
        <legend>{t('form.harvest')}</legend>
        <div class="field field-check">
          <input
            type="checkbox"
            id={id('allYear')}
            checked={v.allYear}
            onChange={(e) => set('allYear', e.currentTarget.checked)}
          />
          <label for={id('allYear')}>{t('form.allYear')}</label>
        </div>
        {!v.allYear && (
          <>
            <p class="hint">{t('form.monthDayHint')}</p>
            <div class="form-grid">
              <Field id={id('harvestStart')} label={t('form.harvestStart')} error={errors.harvestStart} required>
                {(c) => (
                  <input {...c} type="text" inputMode="numeric" placeholder="MM-DD" maxLength={5} {...text('harvestStart')} />
                )}
              </Field>
              <Field id={id('harvestEnd')} label={t('form.harvestEnd')} error={errors.harvestEnd} required>
                {(c) => (
                  <input {...c} type="text" inputMode="numeric" placeholder="MM-DD" maxLength={5} {...text('harvestEnd')} />
                )}
              </Field>
            </div>
          </>
        )}
      </fieldset>

      <Field id={id('description')} label={t('form.description')} error={errors.description}>
        {(c) => <textarea {...c} rows={4} maxLength={4000} {...text('description')} />}
      </Field>
      <Field id={id('descriptionEn')} label={t('form.descriptionEn')} error={errors.descriptionEn}>
        {(c) => <textarea {...c} lang="en" rows={3} maxLength={8000} {...text('descriptionEn')} />}
      </Field>

      <div class="actions">
        <button type="submit" class="btn btn-primary" aria-disabled={saving}>
          {saving ? t('common.saving') : props.mode === 'create' ? t('coop.create') : t('common.save')}
        </button>
        {props.onCancel && (
          <button type="button" class="btn" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

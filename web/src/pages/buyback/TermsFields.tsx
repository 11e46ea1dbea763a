import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import type { TermsKey, TermsValues } from './terms';

interface Props {
  prefix: string;
  values: TermsValues;
  errors: Partial<Record<TermsKey, string | undefined>>;
  onChange(key: TermsKey, value: string): void;
  /** The unit quantities are counted in (只, 斤 …), once known. */
  unit: string;
  /** The earliest start allowed (today for an offer). */
  minStart?: string;
  /** The window has opened: its start can no longer move (an amendment). */
  startLocked?: boolean;
  floorHint?: string;
}

/** The fields of a guarantee's terms, shared by the offer and the amendment forms. */
export function TermsFields({ prefix, values: v, errors, onChange, unit, minStart, startLocked, floorHint }: Props) {
  const { t } = useI18n();
  const id = (k: string) => `${prefix}-${k}`;
  const input = (k: TermsKey) => ({
    value: v[k],
    onInput: (e: Event) => onChange(k, (e.currentTarget as HTMLInputElement).value),
  });
  return (
    <>
      <fieldset class="fieldset">
        <legend>{t('bb.window')}</legend>
        <p class="hint">{t('bb.form.windowHint')}</p>
        <div class="form-grid">
          <Field
            id={id('start')}
            label={t('bb.form.start')}
            hint={startLocked ? t('bb.form.startLocked') : undefined}
            error={errors.start}
            required
          >
            {(c) => <input {...c} type="date" min={startLocked ? undefined : minStart} readOnly={startLocked} {...input('start')} />}
          </Field>
          <Field id={id('end')} label={t('bb.form.end')} error={errors.end} required>
            {(c) => <input {...c} type="date" min={v.start || minStart} {...input('end')} />}
          </Field>
        </div>
      </fieldset>
      <div class="form-grid">
        <Field id={id('floor')} label={unit ? t('bb.form.floorPer', { unit }) : t('bb.form.floor')} hint={floorHint ?? t('bb.form.floorHint')} error={errors.floor} required>
          {(c) => <input {...c} type="text" inputMode="decimal" autoComplete="off" {...input('floor')} />}
        </Field>
        <Field id={id('committed')} label={t('bb.form.committed', { unit: unit || '—' })} hint={t('bb.form.committedHint')} error={errors.committed} required>
          {(c) => <input {...c} type="text" inputMode="numeric" autoComplete="off" {...input('committed')} />}
        </Field>
        <Field id={id('maximum')} label={t('bb.form.maximum', { unit: unit || '—' })} hint={t('bb.form.maximumHint')} error={errors.maximum}>
          {(c) => <input {...c} type="text" inputMode="numeric" autoComplete="off" {...input('maximum')} />}
        </Field>
        <Field id={id('grades')} label={t('bb.form.grades')} hint={t('bb.form.gradesHint')} error={errors.grades} required>
          {(c) => <input {...c} type="text" autoComplete="off" maxLength={240} {...input('grades')} />}
        </Field>
      </div>
      <Field id={id('place')} label={t('bb.form.place')} hint={t('bb.form.placeHint')} error={errors.place} required>
        {(c) => <input {...c} type="text" autoComplete="off" maxLength={200} {...input('place')} />}
      </Field>
    </>
  );
}

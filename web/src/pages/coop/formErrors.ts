import { ApiError } from '../../api';
import { errorText } from '../../components/Status';
import type { Translate } from '../../i18n';

export type Errors<K extends string> = Partial<Record<K | 'form', string>>;

/**
 * Turns an API error into errors keyed by this form's fields: `error.field` (a dotted API path such as
 * `priceFen` or `harvestWindow.start`) is looked up in `fieldMap`, longest match first; anything else is
 * a form-level error.
 */
export function errorsFromApi<K extends string>(err: unknown, fieldMap: Record<string, K>, t: Translate): Errors<K> {
  if (err instanceof ApiError && err.field) {
    const path = err.field.split('.');
    for (let n = path.length; n > 0; n--) {
      const local = fieldMap[path.slice(0, n).join('.')];
      if (local) return { [local]: err.message } as Errors<K>;
    }
  }
  return { form: errorText(err, t) } as Errors<K>;
}

/** Moves focus to the first control with an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(form: HTMLFormElement | null): void {
  const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]');
  el?.focus();
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real recurring calendar day written `MM-DD` (02-29 allowed). */
export function isMonthDay(s: string): boolean {
  if (!/^\d{2}-\d{2}$/.test(s)) return false;
  const month = Number(s.slice(0, 2));
  const day = Number(s.slice(3, 5));
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** A whole number typed by a person, or null. */
export function parseCount(s: string): number | null {
  const v = s.trim();
  return /^\d{1,8}$/.test(v) ? Number(v) : null;
}

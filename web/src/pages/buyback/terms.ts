import type { MessageKey } from '../../i18n';
import { fenToDecimal, parseYuan } from '../../format';
import { parseCount } from '../coop/formErrors';
import { isDay } from '../sales/calendar';
import { parseGrades } from './guarantee';

/** The terms both sides agree on, as a form holds them (strings as typed). */
export interface TermsValues {
  start: string;
  end: string;
  floor: string;
  committed: string;
  maximum: string;
  grades: string;
  place: string;
}

export type TermsKey = keyof TermsValues;

/** The terms as the API takes them (an offer and an amendment both carry them whole). */
export interface Terms {
  window: { start: string; end: string };
  floorPriceFen: number;
  committedQuantity: number;
  maximumQuantity: number | null;
  acceptedGrades: string[];
  deliveryPlace: string;
}

/** API field paths of the terms → the form's fields. */
export const TERMS_FIELDS: Record<string, TermsKey> = {
  window: 'end',
  'window.start': 'start',
  'window.end': 'end',
  floorPriceFen: 'floor',
  committedQuantity: 'committed',
  maximumQuantity: 'maximum',
  acceptedGrades: 'grades',
  deliveryPlace: 'place',
};

export function termsValuesOf(terms: Terms): TermsValues {
  return {
    start: terms.window.start,
    end: terms.window.end,
    floor: fenToDecimal(terms.floorPriceFen),
    committed: String(terms.committedQuantity),
    maximum: terms.maximumQuantity === null ? '' : String(terms.maximumQuantity),
    grades: terms.acceptedGrades.join('、'),
    place: terms.deliveryPlace,
  };
}

const MAX_QUANTITY = 1_000_000;

/**
 * Checks typed terms the way the API will: real days, an end not before the start nor before today, a positive
 * floor price, whole quantities with the maximum (if any) at least the commitment, 1–10 grades of at most 20
 * characters. Errors are message keys, so this stays a pure function.
 */
export function checkTerms(v: TermsValues, today: string): { terms?: Terms; errors: Partial<Record<TermsKey, MessageKey>> } {
  const e: Partial<Record<TermsKey, MessageKey>> = {};
  if (!isDay(v.start)) e.start = 'bb.form.dayInvalid';
  if (!isDay(v.end)) e.end = 'bb.form.dayInvalid';
  else if (isDay(v.start) && v.end < v.start) e.end = 'bb.form.endBeforeStart';
  else if (v.end < today) e.end = 'bb.form.endPast';
  const floorPriceFen = parseYuan(v.floor);
  if (floorPriceFen === null || floorPriceFen < 1) e.floor = 'form.priceInvalid';
  const committed = parseCount(v.committed);
  if (committed === null || committed < 1 || committed > MAX_QUANTITY) e.committed = 'form.countInvalid';
  const maximum = v.maximum.trim() === '' ? null : parseCount(v.maximum);
  if (v.maximum.trim() !== '' && (maximum === null || maximum < 1 || maximum > MAX_QUANTITY)) e.maximum = 'form.countInvalid';
  else if (maximum !== null && committed !== null && maximum < committed) e.maximum = 'bb.form.maxBelowCommitted';
  const grades = parseGrades(v.grades);
  if (grades.length === 0) e.grades = 'form.requiredField';
  else if (grades.length > 10 || grades.some((g) => g.length > 20)) e.grades = 'bb.form.gradesInvalid';
  if (!v.place.trim()) e.place = 'form.requiredField';
  if (Object.keys(e).length > 0 || floorPriceFen === null || committed === null) return { errors: e };
  return {
    errors: e,
    terms: {
      window: { start: v.start, end: v.end },
      floorPriceFen,
      committedQuantity: committed,
      maximumQuantity: maximum,
      acceptedGrades: grades,
      deliveryPlace: v.place.trim(),
    },
  };
}

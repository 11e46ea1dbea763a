import { stringify } from 'csv-stringify/sync';

/**
 * A whole number of hundredths as a decimal with two places (`-1234` → `-12.34`), by integer and string
 * arithmetic only, with no grouping separators so spreadsheets read a number.
 */
export function twoDecimals(hundredths: number): string {
  if (!Number.isSafeInteger(hundredths)) throw new RangeError(`not a whole number of hundredths: ${hundredths}`);
  const abs = BigInt(Math.abs(hundredths));
  return `${hundredths < 0 ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Fen as yuan with two decimals: a CSV amount is exactly the ledger's, never a float's approximation. */
export const yuanOf = (fen: number): string => twoDecimals(fen);

/** Basis points as a percentage with two decimals (1523 → `15.23`); empty when there is no rate. */
export const percentOf = (bps: number | null): string => (bps === null ? '' : twoDecimals(bps));

/** A cell: text is written as given (and defused, see below); amounts pass through `yuanOf` first. */
export type CsvCell = string | number | null | undefined;

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that came from a person (a counterparty, a narrative): prefixed with `'` when a spreadsheet
 * would run it as a formula. Not applied to numbers, so negative amounts stay numbers.
 */
export function textCell(text: string | undefined | null): string {
  if (!text) return '';
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A CSV document: UTF-8 with a byte-order mark (so Excel and WPS read Chinese as UTF-8), CRLF line ends
 * (RFC 4180), every row given as an array of cells.
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))))], {
    bom: true,
    record_delimiter: 'windows',
  });
}

/**
 * Every id is a ULID behind a short prefix that names its kind (`prd_01J…`), so an id read in a log,
 * a URL or a support ticket says what it points at, and ids of one kind sort by creation time.
 */
export const ID_PREFIXES = {
  village: 'vil',
  product: 'prd',
  organization: 'org',
  account: 'acc',
  photo: 'pho',
  stockAdjustment: 'adj',
  order: 'ord',
  groupBuy: 'gb',
  sale: 'sale',
  guarantee: 'bbg',
  delivery: 'bbd',
  settlement: 'bbs',
  pairing: 'pair',
  weeklyReport: 'wr',
  export: 'exp',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** Generates prefixed ids; injected so tests can make them predictable. */
export interface IdGenerator {
  next(kind: IdKind): string;
}

/** Source of the current time; injected so tests control "now". */
export interface Clock {
  now(): Date;
}

/** Matches `prefix_` followed by a 26-character Crockford base32 ULID. */
export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`);
}

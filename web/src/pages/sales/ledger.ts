import type { Sale, SaleChannel } from '../../api/sales';
import type { MessageKey } from '../../i18n';
import { isMonth, monthBounds, todayInShanghai } from './calendar';

export const CHANNELS: SaleChannel[] = ['order', 'group_buy', 'buyback', 'offline'];

export const channelKey = (c: SaleChannel): MessageKey => `ledger.channel.${c}`;

/** The ledger's filters as they live in the URL (`?from=2026-09&to=2026-11&channel=offline`). */
export interface LedgerView {
  fromMonth: string;
  toMonth: string;
  channel: SaleChannel | '';
}

export function ledgerViewOf(query: URLSearchParams): LedgerView {
  const channel = query.get('channel') ?? '';
  const month = (k: string) => {
    const v = query.get(k) ?? '';
    return isMonth(v) ? v : '';
  };
  return { fromMonth: month('from'), toMonth: month('to'), channel: (CHANNELS as string[]).includes(channel) ? (channel as SaleChannel) : '' };
}

/** Whether a sale belongs in the list as filtered (so a sale just recorded is shown only where it belongs). */
export function matchesView(sale: Pick<Sale, 'channel' | 'occurredAt'>, view: LedgerView): boolean {
  if (view.channel && sale.channel !== view.channel) return false;
  const day = todayInShanghai(new Date(sale.occurredAt));
  const { from, to } = monthBounds(view.fromMonth, view.toMonth);
  return (!from || day >= from) && (!to || day <= to);
}

/** Who bought, as the ledger row knows it. */
export type Buyer =
  | { kind: 'counterparty'; name: string }
  | { kind: 'organization'; organizationId: string }
  | { kind: 'person' }
  | { kind: 'unknown' };

/**
 * The buyer of a row: the counterparty an offline sale names, else the buyer organisation (a pairing partner,
 * a buyback), else a person who ordered online (the ledger keeps their account, not their name).
 */
export function buyerOf(sale: Pick<Sale, 'counterparty' | 'organizationId' | 'buyerAccountId'>): Buyer {
  if (sale.counterparty) return { kind: 'counterparty', name: sale.counterparty };
  if (sale.organizationId) return { kind: 'organization', organizationId: sale.organizationId };
  if (sale.buyerAccountId) return { kind: 'person' };
  return { kind: 'unknown' };
}

/**
 * What a row is: a sale, a cooperative's reversal of its own offline sale, or a refund (an order refunded, a buyback
 * settlement given back), which the ledger also books as a negative row.
 */
export function rowKind(sale: Pick<Sale, 'channel' | 'reverses' | 'amountFen'>): 'sale' | 'reversal' | 'refund' {
  if (sale.reverses && sale.channel === 'offline') return 'reversal';
  return sale.reverses || sale.amountFen < 0 ? 'refund' : 'sale';
}

/** The sources of the sales that the loaded rows reverse. */
export function reversedSources(rows: Pick<Sale, 'reverses'>[]): Set<string> {
  return new Set(rows.flatMap((r) => (r.reverses ? [r.reverses] : [])));
}

/** A cooperative corrects its own offline sales only, once, and never a reversal itself. */
export function isReversible(sale: Pick<Sale, 'channel' | 'reverses' | 'source'>, reversed: Set<string>): boolean {
  return sale.channel === 'offline' && !sale.reverses && !reversed.has(sale.source);
}

/**
 * The rows to show: the loaded page, with reversals just made placed right above the sale they reverse (they are
 * dated like it, which is where the ledger itself lists them) until a reload brings them from the API.
 */
export function withLocalReversals(rows: Sale[], local: Sale[]): Sale[] {
  const loaded = new Set(rows.map((r) => r.source));
  const pending = local.filter((r) => !loaded.has(r.source));
  if (pending.length === 0) return rows;
  return rows.flatMap((row) => [...pending.filter((r) => r.reverses === row.source), row]);
}

import { describe, expect, it } from 'vitest';
import type { Sale } from '../../api/sales';
import { buyerOf, isReversible, ledgerViewOf, matchesView, reversedSources, rowKind, withLocalReversals } from './ledger';

const sale = (over: Partial<Sale>): Sale => ({
  source: 'offline:sale_01',
  villageId: 'vil_01',
  productId: 'prd_01',
  category: 'poultry',
  channel: 'offline',
  quantity: 10,
  amountFen: 150_000,
  farmerShareBps: 10_000,
  occurredAt: '2026-11-22T02:00:00.000Z',
  ...over,
});

describe('ledgerViewOf', () => {
  it('reads the filters from the URL and drops what is not valid', () => {
    expect(ledgerViewOf(new URLSearchParams('from=2026-09&to=2026-13&channel=offline'))).toEqual({ fromMonth: '2026-09', toMonth: '', channel: 'offline' });
    expect(ledgerViewOf(new URLSearchParams('channel=cash'))).toEqual({ fromMonth: '', toMonth: '', channel: '' });
  });
});

describe('matchesView', () => {
  it('filters by channel and by the Beijing calendar month of the sale', () => {
    // 2026-10-31 16:30 UTC is 1 November in Beijing.
    const s = sale({ occurredAt: '2026-10-31T16:30:00.000Z' });
    expect(matchesView(s, { fromMonth: '2026-11', toMonth: '', channel: '' })).toBe(true);
    expect(matchesView(s, { fromMonth: '', toMonth: '2026-10', channel: '' })).toBe(false);
    expect(matchesView(s, { fromMonth: '', toMonth: '', channel: 'order' })).toBe(false);
  });
});

describe('buyerOf', () => {
  it('names the counterparty of an offline sale first, then the organisation, then a person', () => {
    expect(buyerOf({ counterparty: '永辉超市', organizationId: 'org_1' })).toEqual({ kind: 'counterparty', name: '永辉超市' });
    expect(buyerOf({ organizationId: 'org_1', buyerAccountId: 'acc_1' })).toEqual({ kind: 'organization', organizationId: 'org_1' });
    expect(buyerOf({ buyerAccountId: 'acc_1' })).toEqual({ kind: 'person' });
    expect(buyerOf({})).toEqual({ kind: 'unknown' });
  });
});

describe('reversals', () => {
  it('lets an offline sale be reversed once, and never a reversal or an order', () => {
    const original = sale({});
    const reversal = sale({ source: 'reversal:offline:sale_01', reverses: 'offline:sale_01', amountFen: -150_000 });
    const reversed = reversedSources([original, reversal]);
    expect(isReversible(original, new Set())).toBe(true);
    expect(isReversible(original, reversed)).toBe(false);
    expect(isReversible(reversal, new Set())).toBe(false);
    expect(isReversible(sale({ channel: 'order', source: 'order:ord_1:0' }), new Set())).toBe(false);
  });

  it('tells a cooperative’s reversal from a refund', () => {
    expect(rowKind(sale({}))).toBe('sale');
    expect(rowKind(sale({ reverses: 'offline:sale_01', amountFen: -150_000 }))).toBe('reversal');
    expect(rowKind(sale({ channel: 'buyback', reverses: 'buyback:dlv_1:bbs_1', amountFen: -80_000 }))).toBe('refund');
    expect(rowKind(sale({ channel: 'order', amountFen: -3_600 }))).toBe('refund');
  });

  it('shows a reversal just made right above its sale until the API lists it', () => {
    const older = sale({ source: 'offline:sale_00' });
    const original = sale({});
    const reversal = sale({ source: 'reversal:offline:sale_01', reverses: 'offline:sale_01' });
    expect(withLocalReversals([older, original], [reversal]).map((r) => r.source)).toEqual(['offline:sale_00', 'reversal:offline:sale_01', 'offline:sale_01']);
    expect(withLocalReversals([reversal, original], [reversal]).map((r) => r.source)).toEqual(['reversal:offline:sale_01', 'offline:sale_01']);
  });
});

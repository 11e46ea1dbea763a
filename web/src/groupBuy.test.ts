import { describe, expect, it } from 'vitest';
import type { GroupBuy, Order } from './api';
import { bySoonestDeadline, isJoinable, progressOf, savingFen } from './groupBuy';
import { canCancel, canConfirmReceipt } from './orderStatus';

const counts = (joinedQuantity: number, paidQuantity: number, minQuantity: number, maxQuantity: number) => ({
  joinedQuantity,
  paidQuantity,
  minQuantity,
  maxQuantity,
});

describe('group-buy progress', () => {
  it('places joined, paid and the minimum on the maximum’s scale', () => {
    expect(progressOf(counts(12, 8, 20, 50))).toEqual({
      joined: 12,
      paid: 8,
      min: 20,
      max: 50,
      left: 38,
      minReached: false,
      joinedPct: 24,
      paidPct: 16,
      minPct: 40,
    });
  });

  it('judges the minimum on what is paid, not on what is joined', () => {
    expect(progressOf(counts(25, 19, 20, 50)).minReached).toBe(false);
    expect(progressOf(counts(25, 20, 20, 50)).minReached).toBe(true);
  });

  it('is full at the maximum and clamps odd numbers', () => {
    const full = progressOf(counts(50, 50, 50, 50));
    expect([full.left, full.joinedPct, full.minPct]).toEqual([0, 100, 100]);
    const odd = progressOf(counts(60, 70, 10, 50));
    expect([odd.left, odd.joinedPct, odd.paid]).toEqual([0, 100, 60]);
    expect(progressOf(counts(1, 0, 1, 3)).joinedPct).toBe(33);
  });

  it('knows when buyers can join and orders by deadline', () => {
    const g = { status: 'open', deadline: '2026-11-22T12:00:00Z', ...counts(1, 0, 2, 5) } as GroupBuy;
    const now = Date.parse('2026-11-22T11:59:59Z');
    expect(isJoinable(g, now)).toBe(true);
    expect(isJoinable(g, now + 1000)).toBe(false);
    expect(isJoinable({ ...g, joinedQuantity: 5 }, now)).toBe(false);
    const later = { ...g, deadline: '2026-11-23T00:00:00+08:00' };
    expect([later, g].sort(bySoonestDeadline)[0]).toBe(g);
    expect(savingFen({ listPriceFen: 16800, unitPriceFen: 14900 })).toBe(1900);
  });
});

describe('order actions', () => {
  const o = (over: Partial<Order>) =>
    ({ kind: 'direct', status: 'pending_payment', villageFulfilment: { v1: 'pending' }, ...over }) as Order;
  it('lets the buyer cancel only what the API allows', () => {
    expect(canCancel(o({}))).toBe(true);
    expect(canCancel(o({ status: 'paid' }))).toBe(true);
    expect(canCancel(o({ status: 'paid', villageFulfilment: { v1: 'ready' } }))).toBe(false);
    expect(canCancel(o({ status: 'completed' }))).toBe(false);
    expect(canCancel(o({ kind: 'group_buy', status: 'authorized' }))).toBe(true);
    expect(canCancel(o({ kind: 'group_buy', status: 'paid', settledAt: '2026-11-22T00:00:00Z' }))).toBe(false);
  });

  it('offers "received" once ready or shipped', () => {
    expect(canConfirmReceipt(o({ status: 'ready' }))).toBe(true);
    expect(canConfirmReceipt(o({ status: 'shipped' }))).toBe(true);
    expect(canConfirmReceipt(o({ status: 'paid' }))).toBe(false);
  });
});

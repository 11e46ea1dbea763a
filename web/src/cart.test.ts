import { describe, expect, it } from 'vitest';
import type { Product } from './api';
import { addLine, cartTotalFen, groupByVillage, lineTotalFen, MAX_CART_LINES, parseCart, refreshLine, roomFor, setQuantity, type CartLine } from './cart';
import { checkAddress, orderInput } from './checkout';
import { formatFen } from './format';

const line = (over: Partial<CartLine> = {}): CartLine => ({
  productId: 'prd_A',
  villageId: 'vil_1',
  name: '土鸡',
  unit: '只',
  priceFen: 16800,
  stock: 10,
  quantity: 1,
  ...over,
});

describe('cart money in integer fen', () => {
  it('multiplies and sums exactly, with no float drift', () => {
    // 0.1 + 0.2 style traps: 10 fen × 3 and 20 fen × 1 are exactly 50 fen.
    const lines = [line({ productId: 'a', priceFen: 10, quantity: 3 }), line({ productId: 'b', priceFen: 20, quantity: 1 })];
    expect(cartTotalFen(lines)).toBe(50);
    expect(formatFen(cartTotalFen(lines))).toBe('¥0.50');
    expect(lineTotalFen({ priceFen: 1999, quantity: 3 })).toBe(5997);
    expect(formatFen(lineTotalFen({ priceFen: 29, quantity: 7 }))).toBe('¥2.03');
  });

  it('leaves unavailable lines out of the total', () => {
    expect(cartTotalFen([line({ quantity: 2 }), line({ productId: 'x', unavailable: true })])).toBe(33600);
  });

  it('refuses totals beyond safe integers', () => {
    expect(() => lineTotalFen({ priceFen: Number.MAX_SAFE_INTEGER, quantity: 2 })).toThrow(RangeError);
  });

  it('groups by village in first-added order with subtotals', () => {
    const groups = groupByVillage([
      line({ productId: 'a', villageId: 'v2', priceFen: 100, quantity: 2 }),
      line({ productId: 'b', villageId: 'v1', priceFen: 250, quantity: 1 }),
      line({ productId: 'c', villageId: 'v2', priceFen: 5, quantity: 3 }),
    ]);
    expect(groups.map((g) => [g.villageId, g.subtotalFen, g.lines.length])).toEqual([
      ['v2', 215, 2],
      ['v1', 250, 1],
    ]);
  });
});

describe('cart quantities', () => {
  it('adds up to the stock and no further', () => {
    let r = addLine([], line({ quantity: 4 }));
    expect(r.added).toBe(4);
    r = addLine(r.lines, line({ quantity: 9 }));
    expect(r.added).toBe(6);
    expect(r.lines[0]?.quantity).toBe(10);
    expect(addLine(r.lines, line({ quantity: 1 })).added).toBe(0);
    expect(roomFor(r.lines, 'prd_A', 10)).toBe(0);
  });

  it('keeps set quantities within 1…stock', () => {
    const lines = [line({ quantity: 3 })];
    expect(setQuantity(lines, 'prd_A', 99)[0]?.quantity).toBe(10);
    expect(setQuantity(lines, 'prd_A', 0)[0]?.quantity).toBe(1);
  });

  it('holds at most the API’s 20 lines', () => {
    const full = Array.from({ length: MAX_CART_LINES }, (_, i) => line({ productId: `p${i}` }));
    expect(addLine(full, line({ productId: 'new' })).added).toBe(0);
    expect(addLine(full, line({ productId: 'p0', quantity: 1 })).added).toBe(1);
  });

  it('follows a fresh read of the product', () => {
    const p = { productId: 'prd_A', villageId: 'vil_1', name: '土鸡', unit: '只', priceFen: 15800, stock: 2, status: 'active' } as Product;
    const { line: l, change } = refreshLine(line({ quantity: 5 }), p);
    expect(l.quantity).toBe(2);
    expect(l.priceFen).toBe(15800);
    expect(change).toEqual({ priceChanged: true, reduced: true, unavailable: false });
    expect(refreshLine(line(), null).line.unavailable).toBe(true);
    expect(refreshLine(line(), { ...p, status: 'withdrawn' }).change.unavailable).toBe(true);
  });

  it('drops malformed stored lines', () => {
    const raw = JSON.stringify([line(), { productId: 'bad', priceFen: 1.5 }, line({ productId: 'q', quantity: 0 })]);
    expect(parseCart(raw).map((l) => l.productId)).toEqual(['prd_A']);
    expect(parseCart('not json')).toEqual([]);
  });
});

describe('checkout', () => {
  it('checks a delivery address as the API does', () => {
    expect(checkAddress({ recipient: ' ', phone: '12ab', region: '成都', detail: 'x'.repeat(201) })).toEqual({
      recipient: 'required',
      phone: 'phone',
      detail: 'tooLong',
    });
    expect(checkAddress({ recipient: '刘芳', phone: '+86 138-0000-0000', region: '四川省成都市', detail: '春熙路 1 号' })).toEqual({});
  });

  it('builds the order body from buyable lines, in cart order', () => {
    const input = orderInput([line({ productId: 'a', quantity: 2 }), line({ productId: 'b', unavailable: true })], { type: 'pickup' });
    expect(input).toEqual({ lines: [{ productId: 'a', quantity: 2 }], fulfilment: { type: 'pickup' } });
  });
});

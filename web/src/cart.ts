import type { Product } from './api';

/** One product in the cart, with what the buyer saw when adding it (price and stock are re-read at checkout). */
export interface CartLine {
  productId: string;
  villageId: string;
  name: string;
  nameEn?: string;
  unit: Product['unit'];
  /** Integer fen per unit. */
  priceFen: number;
  /** Stock when last read; the cart never holds more than this. */
  stock: number;
  quantity: number;
  /** The product can no longer be bought (withdrawn or gone). */
  unavailable?: boolean;
}

/** The API takes at most 20 lines per order. */
export const MAX_CART_LINES = 20;

export function lineFromProduct(p: Product, quantity: number): CartLine {
  return {
    productId: p.productId,
    villageId: p.villageId,
    name: p.name,
    ...(p.nameEn ? { nameEn: p.nameEn } : {}),
    unit: p.unit,
    priceFen: p.priceFen,
    stock: p.stock,
    quantity,
  };
}

/** Integer fen times a whole quantity: exact, and checked to stay a safe integer. */
export function lineTotalFen(line: Pick<CartLine, 'priceFen' | 'quantity'>): number {
  const total = line.priceFen * line.quantity;
  if (!Number.isSafeInteger(total)) throw new RangeError('line total out of range');
  return total;
}

/** The sum of the lines that can be bought, in integer fen. */
export function cartTotalFen(lines: CartLine[]): number {
  return lines.filter((l) => !l.unavailable).reduce((sum, l) => sum + lineTotalFen(l), 0);
}

/** How many more of a product fit in the cart: its stock less what is already there. */
export function roomFor(lines: CartLine[], productId: string, stock: number): number {
  const inCart = lines.find((l) => l.productId === productId)?.quantity ?? 0;
  return Math.max(0, stock - inCart);
}

/**
 * Adds `quantity` of a product, capped by its stock (and by the line limit for a new product).
 * Returns the new lines and how many were actually added.
 */
export function addLine(lines: CartLine[], item: CartLine): { lines: CartLine[]; added: number } {
  const existing = lines.find((l) => l.productId === item.productId);
  if (!existing && lines.length >= MAX_CART_LINES) return { lines, added: 0 };
  const current = existing?.quantity ?? 0;
  const next = Math.min(item.stock, current + Math.max(0, Math.trunc(item.quantity)));
  const added = Math.max(0, next - current);
  if (added === 0) return { lines, added };
  const line = { ...item, quantity: next };
  return {
    lines: existing ? lines.map((l) => (l.productId === item.productId ? line : l)) : [...lines, line],
    added,
  };
}

/** Sets a line's quantity within 1…stock. */
export function setQuantity(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  return lines.map((l) =>
    l.productId === productId ? { ...l, quantity: Math.max(1, Math.min(l.stock, Math.trunc(quantity))) } : l,
  );
}

export function removeLine(lines: CartLine[], productId: string): CartLine[] {
  return lines.filter((l) => l.productId !== productId);
}

export interface VillageGroup {
  villageId: string;
  lines: CartLine[];
  subtotalFen: number;
}

/** Lines grouped by village, villages in the order first added; each group with its subtotal in fen. */
export function groupByVillage(lines: CartLine[]): VillageGroup[] {
  const groups = new Map<string, CartLine[]>();
  for (const l of lines) groups.set(l.villageId, [...(groups.get(l.villageId) ?? []), l]);
  return [...groups.entries()].map(([villageId, ls]) => ({ villageId, lines: ls, subtotalFen: cartTotalFen(ls) }));
}

export interface LineChange {
  priceChanged: boolean;
  /** The quantity was lowered to the stock now left. */
  reduced: boolean;
  unavailable: boolean;
}

/** Updates a line from a fresh read of its product (null when it no longer exists) and says what changed. */
export function refreshLine(line: CartLine, p: Product | null): { line: CartLine; change: LineChange } {
  if (!p || p.status !== 'active' || p.stock === 0) {
    return {
      line: { ...line, unavailable: true, ...(p ? { stock: p.stock, priceFen: p.priceFen } : {}) },
      change: { priceChanged: !!p && p.priceFen !== line.priceFen, reduced: false, unavailable: true },
    };
  }
  const quantity = Math.min(line.quantity, p.stock);
  const { unavailable: _gone, ...rest } = line;
  return {
    line: { ...rest, ...lineFromProduct(p, quantity) },
    change: { priceChanged: p.priceFen !== line.priceFen, reduced: quantity < line.quantity, unavailable: false },
  };
}

/** Reads stored lines defensively: anything malformed is dropped rather than trusted. */
export function parseCart(raw: string | null): CartLine[] {
  if (!raw) return [];
  try {
    const data: unknown = JSON.parse(raw);
    if (!Array.isArray(data)) return [];
    return data
      .filter(
        (l): l is CartLine =>
          typeof l === 'object' &&
          l !== null &&
          typeof l.productId === 'string' &&
          typeof l.villageId === 'string' &&
          typeof l.name === 'string' &&
          typeof l.unit === 'string' &&
          Number.isSafeInteger(l.priceFen) &&
          l.priceFen > 0 &&
          Number.isSafeInteger(l.stock) &&
          Number.isSafeInteger(l.quantity) &&
          l.quantity >= 1,
      )
      .slice(0, MAX_CART_LINES);
  } catch {
    return [];
  }
}

import { addLine, parseCart, type CartLine } from './cart';
import { createStore, storage, useStore } from './store';

const CART_KEY = 'villageLink.cart';

/** The cart, kept in localStorage so it survives reloads and follows other tabs. */
export const cartStore = createStore<CartLine[]>(parseCart(storage.get(CART_KEY)));

export const useCart = (): CartLine[] => useStore(cartStore);

export function saveCart(lines: CartLine[]): void {
  storage.set(CART_KEY, lines.length > 0 ? JSON.stringify(lines) : null);
  cartStore.set(lines);
}

/** Adds to the cart; returns how many were added (0 when the stock is all in the cart already). */
export function addToCart(item: CartLine): number {
  const { lines, added } = addLine(cartStore.get(), item);
  if (added > 0) saveCart(lines);
  return added;
}

/** Drops the lines just ordered. */
export function removeFromCart(productIds: string[]): void {
  saveCart(cartStore.get().filter((l) => !productIds.includes(l.productId)));
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === CART_KEY) cartStore.set(parseCart(e.newValue));
  });
}

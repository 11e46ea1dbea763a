import type { CartLine } from './cart';
import type { OrderInput } from './api';

export interface AddressValues {
  recipient: string;
  phone: string;
  region: string;
  detail: string;
}

export type AddressField = keyof AddressValues;
export type AddressProblem = 'required' | 'tooLong' | 'phone';

/** The API's limits (shared/domain/order.ts DeliveryAddress). */
export const ADDRESS_MAX: Record<AddressField, number> = { recipient: 40, phone: 20, region: 60, detail: 200 };
export const PHONE_PATTERN = /^\+?[0-9 -]{7,20}$/;

/** Checks a delivery address as the API will; returns a problem per field at fault. */
export function checkAddress(v: AddressValues): Partial<Record<AddressField, AddressProblem>> {
  const out: Partial<Record<AddressField, AddressProblem>> = {};
  for (const f of ['recipient', 'phone', 'region', 'detail'] as const) {
    const value = v[f].trim();
    if (!value) out[f] = 'required';
    else if (f === 'phone' && !PHONE_PATTERN.test(value)) out[f] = 'phone';
    else if (value.length > ADDRESS_MAX[f]) out[f] = 'tooLong';
  }
  return out;
}

export type FulfilmentChoice = { type: 'pickup' } | { type: 'delivery'; address: AddressValues };

/** The order body for the buyable cart lines, in the cart's order (API errors name lines by this index). */
export function orderInput(lines: CartLine[], fulfilment: FulfilmentChoice): OrderInput {
  return {
    lines: lines.filter((l) => !l.unavailable).map((l) => ({ productId: l.productId, quantity: l.quantity })),
    fulfilment:
      fulfilment.type === 'pickup'
        ? { type: 'pickup' }
        : {
            type: 'delivery',
            address: {
              recipient: fulfilment.address.recipient.trim(),
              phone: fulfilment.address.phone.trim(),
              region: fulfilment.address.region.trim(),
              detail: fulfilment.address.detail.trim(),
            },
          },
  };
}

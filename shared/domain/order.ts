import { z } from 'zod';
import { AccountId, GroupBuyId, OrderId, OrganizationId, ProductId, Text, Timestamp, VillageId } from './common.js';
import { Fen, PositiveFen } from './money.js';
import { PaymentMethod, PaymentSession } from './payment.js';
import { ProductTerms, ProductUnit } from './product.js';

/**
 * An order's life: `pending_payment → (authorized →) paid → ready | shipped → completed`, or `cancelled`
 * (never paid: abandoned, failed, left) / `refunded` (paid, then given back). `authorized` is a card hold of a
 * group-buy join, captured when the group buy is confirmed.
 */
export const OrderStatus = z.enum(['pending_payment', 'authorized', 'paid', 'ready', 'shipped', 'completed', 'cancelled', 'refunded']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** How long a buyer has to pay before the reserved stock goes back on sale. */
export const PAYMENT_WINDOW_MS = 30 * 60 * 1000;

export const PickupPoint = z
  .object({
    name: Text(60),
    address: Text(200),
    /** When to collect, as people write it ("周六 9:00–11:00"). */
    pickupTime: Text(60),
  })
  .strict();
export type PickupPoint = z.infer<typeof PickupPoint>;

export const DeliveryAddress = z
  .object({
    recipient: Text(40),
    phone: z.string().regex(/^\+?[0-9 -]{7,20}$/, { message: 'must be a phone number' }),
    region: Text(60),
    detail: Text(200),
  })
  .strict();
export type DeliveryAddress = z.infer<typeof DeliveryAddress>;

/** Collect at the cooperative (or the group buy's pickup point), or have it delivered. */
export const Fulfilment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pickup'), pickupPoint: PickupPoint.nullable().default(null) }).strict(),
  z.object({ type: z.literal('delivery'), address: DeliveryAddress }).strict(),
]);
export type Fulfilment = z.infer<typeof Fulfilment>;

export const OrderLine = ProductTerms.extend({
  lineNo: z.number().int().min(1),
  unitPriceFen: PositiveFen,
  quantity: z.number().int().min(1),
  amountFen: Fen,
});
export type OrderLine = z.infer<typeof OrderLine>;

/** What a village's cooperative does with its lines of a paid order. */
export const LineFulfilment = z.enum(['pending', 'ready', 'shipped', 'completed']);
export type LineFulfilment = z.infer<typeof LineFulfilment>;

export const Order = z.object({
  orderId: OrderId,
  buyerId: AccountId,
  buyerName: z.string(),
  organizationId: OrganizationId.optional(),
  kind: z.enum(['direct', 'group_buy']),
  groupBuyId: GroupBuyId.optional(),
  lines: z.array(OrderLine).min(1),
  totalFen: Fen,
  fulfilment: Fulfilment,
  status: OrderStatus,
  /** Per village: how far its cooperative has fulfilled its lines. */
  villageFulfilment: z.record(z.string(), LineFulfilment),
  paymentId: z.string().optional(),
  paymentMethod: PaymentMethod.optional(),
  /** The payment deadline while `pending_payment`. */
  payBy: Timestamp,
  paidAt: Timestamp.optional(),
  closedReason: z.string().optional(),
  /** Set once a group-buy order has been settled at confirmation (captured, sales written). */
  settledAt: Timestamp.optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().min(1),
});
export type Order = z.infer<typeof Order>;

export const OrderLineInput = z.object({ productId: ProductId, quantity: z.number().int().min(1).max(10_000) }).strict();

export const OrderInput = z
  .object({
    lines: z
      .array(OrderLineInput)
      .min(1)
      .max(20)
      .refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, {
        message: 'lists a product twice; put the whole quantity on one line',
      }),
    fulfilment: Fulfilment,
  })
  .strict();
export type OrderInput = z.input<typeof OrderInput>;

/** An order as the API returns it on creation: with the payment the buyer completes next. */
export const PlacedOrder = z.object({ order: Order, payment: PaymentSession.nullable() });
export type PlacedOrder = z.infer<typeof PlacedOrder>;

export const FulfilmentInput = z
  .object({
    action: z.enum(['ready', 'shipped', 'completed']),
  })
  .strict();
export type FulfilmentInput = z.infer<typeof FulfilmentInput>;

/** What a cooperative must pick for paid, unfulfilled orders, grouped by where the goods go. */
export const PickList = z.object({
  villageId: VillageId,
  groups: z.array(
    z.object({
      /** `pickup` at a named point (a group buy's), `cooperative` for collection at the village, or `delivery`. */
      destination: z.enum(['pickup', 'cooperative', 'delivery']),
      pickupPoint: PickupPoint.nullable(),
      items: z.array(z.object({ productId: ProductId, productName: z.string(), unit: ProductUnit, quantity: z.number().int() })),
      orderIds: z.array(OrderId),
    }),
  ),
});
export type PickList = z.infer<typeof PickList>;

import { z } from 'zod';
import { AccountId, Cursor, GroupBuyId, OrganizationId, PageLimit, ProductId, Text, Timestamp } from './common.js';
import { PositiveFen } from './money.js';
import { PickupPoint } from './order.js';
import { ProductTerms } from './product.js';

/**
 * `open` takes joins until its deadline; then `confirmed` (minimum reached: payments captured) or `failed`
 * (minimum missed: every payer refunded). `closing` is the short, retry-safe step between.
 */
export const GroupBuyStatus = z.enum(['open', 'closing', 'confirmed', 'failed']);
export type GroupBuyStatus = z.infer<typeof GroupBuyStatus>;

const Quantity = z.number().int().min(1).max(100_000);

export const GroupBuyInput = z
  .object({
    productId: ProductId,
    unitPriceFen: PositiveFen,
    minQuantity: Quantity,
    maxQuantity: Quantity,
    deadline: z.iso.datetime({ offset: true }),
    pickupPoint: PickupPoint,
    title: Text(80).optional(),
  })
  .strict()
  .refine((g) => g.maxQuantity >= g.minQuantity, { message: 'must be at least minQuantity', path: ['maxQuantity'] });
export type GroupBuyInput = z.infer<typeof GroupBuyInput>;

/** A group buy carries its product's terms as they were when opened, so a join needs no product read. */
export const GroupBuy = ProductTerms.extend({
  groupBuyId: GroupBuyId,
  leaderId: AccountId,
  leaderName: z.string(),
  organizationId: OrganizationId,
  listPriceFen: PositiveFen,
  unitPriceFen: PositiveFen,
  minQuantity: Quantity,
  maxQuantity: Quantity,
  /** Reserved by joins not yet cancelled (paid or still paying). */
  joinedQuantity: z.number().int().min(0),
  /** Of those, paid or held. The minimum is judged on this at the deadline. */
  paidQuantity: z.number().int().min(0),
  joinCount: z.number().int().min(0),
  deadline: Timestamp,
  pickupPoint: PickupPoint,
  title: z.string().optional(),
  status: GroupBuyStatus,
  outcome: z.enum(['confirmed', 'failed']).optional(),
  closedAt: Timestamp.optional(),
  createdAt: Timestamp,
  version: z.number().int().min(1),
});
export type GroupBuy = z.infer<typeof GroupBuy>;

export const JoinInput = z.object({ quantity: Quantity }).strict();
export type JoinInput = z.infer<typeof JoinInput>;

export const GroupBuyQuery = z
  .object({
    status: GroupBuyStatus.default('open'),
    limit: PageLimit,
    cursor: Cursor.optional(),
  })
  .strict();
export type GroupBuyQuery = z.infer<typeof GroupBuyQuery>;

/** One buyer's share of a group buy, for the leader's hand-out list. */
export const HandOutEntry = z.object({
  orderId: z.string(),
  buyerName: z.string(),
  quantity: z.number().int(),
  status: z.string(),
});
export type HandOutEntry = z.infer<typeof HandOutEntry>;

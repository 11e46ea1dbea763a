import { z } from 'zod';
import { AccountId, OrganizationId, ProductId, Timestamp, VillageId } from './common.js';
import { BasisPoints } from './money.js';
import { ProductCategory } from './product.js';

/** Where a sale came from; the ledger (impact accounting) groups by it. */
export const SaleChannel = z.enum(['order', 'group_buy', 'buyback', 'offline']);
export type SaleChannel = z.infer<typeof SaleChannel>;

/**
 * One append-only sale record for the producing village. `source` identifies what caused it (an order line, a
 * refund of one), and the record is keyed by it, so each source writes exactly once. A refund appends a record
 * with negative quantity and amount; nothing is ever edited.
 */
export const Sale = z.object({
  source: z.string(),
  villageId: VillageId,
  productId: ProductId,
  category: ProductCategory,
  channel: SaleChannel,
  buyerAccountId: AccountId,
  organizationId: OrganizationId.optional(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
  farmerShareBps: BasisPoints,
  occurredAt: Timestamp,
});
export type Sale = z.infer<typeof Sale>;

import { z } from 'zod';
import { AccountId, OrganizationId, ProductId, Timestamp, VillageId } from './common.js';
import { BasisPoints, applyBasisPoints } from './money.js';
import { ProductCategory, ProductUnit } from './product.js';

/** Where a sale came from; the ledger (impact accounting) groups by it. */
export const SaleChannel = z.enum(['order', 'group_buy', 'buyback', 'offline']);
export type SaleChannel = z.infer<typeof SaleChannel>;

/**
 * One append-only sale record for the producing village. `source` identifies what caused it (an order line, a
 * refund of one, a buyback delivery, an offline receipt), and the record is keyed by it, so each source writes
 * exactly once. A refund or a correction appends a record with negative quantity and amount; nothing is ever
 * edited or deleted.
 */
export const Sale = z.object({
  source: z.string(),
  villageId: VillageId,
  productId: ProductId,
  productName: z.string().optional(),
  unit: ProductUnit.optional(),
  category: ProductCategory,
  channel: SaleChannel,
  /** The buyer's account; absent for offline sales, whose buyer is a supermarket, a fair, a consignment shop. */
  buyerAccountId: AccountId.optional(),
  /** Who bought offline (代销, supermarket, fair), as the cooperative wrote it. */
  counterparty: z.string().optional(),
  organizationId: OrganizationId.optional(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
  farmerShareBps: BasisPoints,
  /** The share of `amountFen` that reaches households: `amountFen × farmerShareBps`, rounded half away from zero. */
  householdFen: z.number().int().optional(),
  occurredAt: Timestamp,
  /** The account that entered an offline sale or a correction. */
  recordedBy: AccountId.optional(),
  note: z.string().optional(),
  receiptPhotoKey: z.string().optional(),
  /** For a correction: the source of the sale it reverses. */
  reverses: z.string().optional(),
});
export type Sale = z.infer<typeof Sale>;

/** The household share of a sale. Rounding is symmetric, so a reversal cancels its sale to the fen. */
export function householdFenOf(sale: Pick<Sale, 'amountFen' | 'farmerShareBps' | 'householdFen'>): number {
  return sale.householdFen ?? applyBasisPoints(sale.amountFen, sale.farmerShareBps);
}

/** A sale with its derived household share filled in, as it is stored. */
export function withHouseholdShare(sale: Sale): Sale {
  return { ...sale, householdFen: householdFenOf(sale) };
}

/**
 * The sums the ledger keeps per village and Asia/Shanghai month, maintained in the transaction that appends each
 * sale (access pattern G1). Every figure is the plain sum of the ledger rows it covers, negative rows included.
 */
export interface VillageMonth {
  villageId: string;
  /** `yyyy-mm`, Asia/Shanghai. */
  month: string;
  salesFen: number;
  householdFen: number;
  /** Ledger rows, reversals and refunds included. */
  recordCount: number;
  byChannel: Partial<Record<SaleChannel, number>>;
  byCategory: Partial<Record<ProductCategory, number>>;
  /** What each buyer organisation bought from this village (a pairing's purchases). */
  byOrganization: Record<string, number>;
}

/** The sums the ledger keeps per buyer organisation and Asia/Shanghai month (G2). */
export interface OrganizationMonth {
  organizationId: string;
  month: string;
  salesFen: number;
  householdFen: number;
  recordCount: number;
  byChannel: Partial<Record<SaleChannel, number>>;
  /** What the organisation bought from each village. */
  byVillage: Record<string, number>;
}

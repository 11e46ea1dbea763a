/**
 * What a cooperative enters into the ledger by hand — offline and consignment sales (代销, supermarket, fair)
 * with a receipt photo, and reversals of its own mistakes — and how the ledger is queried.
 */
import { z } from 'zod';
import { Cursor, OrganizationId, PageLimit, ProductId, Text, Timestamp, VillageId } from './common.js';
import { PositiveFen } from './money.js';
import { CalendarDay } from './pairing.js';
import { PhotoUploadRequest } from './product.js';
import { SaleChannel } from './sale.js';

/** S3 key of an uploaded receipt photo; it must live under its village's own prefix. */
export const ReceiptPhotoKey = z
  .string()
  .max(200)
  .regex(/^receipts\/vil_[0-9A-HJKMNP-TV-Z]{26}\/pho_[0-9A-HJKMNP-TV-Z]{26}\.(jpg|png|webp)$/, {
    message: 'must be a receiptPhotoKey returned by POST /api/villages/{villageId}/sales/receipts',
  });

/** The S3 prefix a village's receipt photos live under. */
export const receiptPrefixOf = (villageId: string) => `receipts/${villageId}/`;

export const OfflineSaleInput = z
  .object({
    productId: ProductId,
    quantity: z.number().int().min(1).max(10_000_000),
    amountFen: PositiveFen,
    /** When the goods changed hands; not in the future. */
    occurredAt: Timestamp,
    /** Who bought: the consignment shop, supermarket or fair, as on the receipt. */
    counterparty: Text(80),
    /** The buyer organisation, when a partner bought offline (a canteen, a union's bulk order). */
    organizationId: OrganizationId.optional(),
    note: z.string().trim().max(500).optional(),
    receiptPhotoKey: ReceiptPhotoKey,
  })
  .strict();
export type OfflineSaleInput = z.infer<typeof OfflineSaleInput>;

export const SaleReversalInput = z.object({ reason: Text(200) }).strict();
export type SaleReversalInput = z.infer<typeof SaleReversalInput>;

/** A ledger source as it appears in a URL path segment (percent-decoded by the router). */
export const SaleSource = z.string().min(3).max(200).regex(/^[a-z_]+:[A-Za-z0-9_:.-]+$/, { message: 'must be a sale source like offline:sale_01J…' });

export const ReceiptUploadRequest = PhotoUploadRequest;
export type ReceiptUploadRequest = z.infer<typeof ReceiptUploadRequest>;

/** A presigned POST for one receipt photo: send `fields` plus the file as multipart form data to `url`. */
export const ReceiptUpload = z.object({
  receiptPhotoKey: ReceiptPhotoKey,
  url: z.url(),
  fields: z.record(z.string(), z.string()),
  maxBytes: z.number().int(),
  expiresAt: Timestamp,
});
export type ReceiptUpload = z.infer<typeof ReceiptUpload>;

/** A bound of a ledger query: a calendar day (Asia/Shanghai, whole day) or an exact instant. */
export const LedgerBound = z.union([CalendarDay, Timestamp], { error: 'must be a day like 2026-11-01 or an ISO instant' });

/**
 * Filters of the ledger: one village's sales or one organisation's purchases, `from` inclusive and `to`
 * inclusive when a day, exclusive when an instant.
 */
export const LedgerFilter = z
  .object({
    villageId: VillageId.optional(),
    organizationId: OrganizationId.optional(),
    from: LedgerBound.optional(),
    to: LedgerBound.optional(),
    channel: SaleChannel.optional(),
  })
  .strict();
export type LedgerFilter = z.infer<typeof LedgerFilter>;

export const SaleQuery = LedgerFilter.extend({ limit: PageLimit, cursor: Cursor.optional() }).strict();
export type SaleQuery = z.infer<typeof SaleQuery>;

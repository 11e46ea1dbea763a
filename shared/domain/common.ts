import { z } from 'zod';
import { idPattern, type IdKind } from './ids.js';

/** A prefixed-ULID id of one kind; anything else is rejected with the field named. */
export const idOf = (kind: IdKind) =>
  z.string().max(40).regex(idPattern(kind), { message: `must be a ${kind} id` });

export const VillageId = idOf('village');
export type VillageId = z.infer<typeof VillageId>;
export const ProductId = idOf('product');
export type ProductId = z.infer<typeof ProductId>;
export const OrganizationId = idOf('organization');
export type OrganizationId = z.infer<typeof OrganizationId>;
export const AccountId = idOf('account');
export const OrderId = idOf('order');
export const GroupBuyId = idOf('groupBuy');
export type AccountId = z.infer<typeof AccountId>;

/** Trimmed, non-empty text with an upper bound, so no field can carry an unbounded string. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

/** ISO-8601 instant as stored and returned (`2026-11-21T08:00:00.000Z`). */
export const Timestamp = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof Timestamp>;

/** Every list answers `{ items, nextCursor }`; `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Page size bounds shared by every list. */
export const PageLimit = z.coerce.number().int().min(1).max(100).default(20);

/** Opaque continuation token from a previous page. */
export const Cursor = z.string().max(2048).regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a cursor from a previous page' });

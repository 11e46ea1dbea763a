import { z } from 'zod';
import { AccountId, Cursor, PageLimit, ProductId, Text, Timestamp, VillageId, idOf } from './common.js';
import { BasisPoints, PositiveFen } from './money.js';

/** Produce categories, the filter buyers browse by and the grouping impact reports use. */
export const ProductCategory = z.enum([
  'poultry',
  'livestock',
  'aquatic',
  'fruit',
  'vegetable',
  'fungi',
  'nuts',
  'grain_oil',
  'honey',
  'tea',
  'processed',
  'other',
]);
export type ProductCategory = z.infer<typeof ProductCategory>;

/** Units a village sells in, as written on a market stall. Quantities are whole units. */
export const ProductUnit = z.enum(['只', '斤', 'kg', '盒', '箱', '袋', '瓶', '罐', '个', '枚', '份', '束']);
export type ProductUnit = z.infer<typeof ProductUnit>;

export const ProductStatus = z.enum(['active', 'withdrawn']);
export type ProductStatus = z.infer<typeof ProductStatus>;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar day that recurs each year, `MM-DD` (02-29 allowed: it simply occurs in leap years). */
export const MonthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, { message: 'must be MM-DD' })
  .refine(
    (s) => {
      const month = Number(s.slice(0, 2));
      const day = Number(s.slice(3, 5));
      return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
    },
    { message: 'must be a real calendar day (MM-DD)' },
  );
export type MonthDay = z.infer<typeof MonthDay>;

/**
 * The yearly harvest season, inclusive at both ends. A window may wrap the new year
 * (`11-15` to `02-28` for winter bamboo shoots); null means available all year.
 */
export const HarvestWindow = z.object({ start: MonthDay, end: MonthDay }).strict();
export type HarvestWindow = z.infer<typeof HarvestWindow>;

/** S3 object key of an uploaded product photo; it must live under that product's own prefix. */
export const PhotoKey = z.string().max(200).regex(/^products\/prd_[0-9A-Z]{26}\/pho_[0-9A-Z]{26}\.(jpg|png|webp)$/, {
  message: 'must be a photoKey returned by POST /api/products/{productId}/photos',
});

export const ProductPhoto = z.object({ key: PhotoKey, url: z.url() });
export type ProductPhoto = z.infer<typeof ProductPhoto>;

/** The fields a cooperative supplies, without defaults (a patch must never fill in defaults). */
const ProductFields = z
  .object({
    name: Text(60),
    nameEn: Text(120).optional(),
    category: ProductCategory,
    unit: ProductUnit,
    priceFen: PositiveFen,
    stock: z.number().int().min(0).max(10_000_000),
    harvestWindow: HarvestWindow.nullable(),
    description: z.string().trim().max(4000),
    descriptionEn: z.string().trim().max(8000).optional(),
    /** Share of each sale that reaches households; cooperatives pass on all of it unless set lower. */
    farmerShareBps: BasisPoints.max(10_000),
  })
  .strict();

export const ProductInput = ProductFields.extend({
  harvestWindow: ProductFields.shape.harvestWindow.default(null),
  description: ProductFields.shape.description.default(''),
  farmerShareBps: ProductFields.shape.farmerShareBps.default(10_000),
}).strict();
export type ProductInput = z.input<typeof ProductInput>;

/** Fields a cooperative may change in place. Stock moves only through stock adjustments, never by overwrite. */
export const ProductPatch = ProductFields.omit({ stock: true })
  .extend({
    status: ProductStatus,
    /** The product's photos in display order; new keys must have been uploaded first. */
    photoKeys: z.array(PhotoKey).max(8),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' });
export type ProductPatch = z.infer<typeof ProductPatch>;

export const StockAdjustmentInput = z
  .object({
    /** Positive to restock, negative to write off (spoilage, sold offline). */
    delta: z
      .number()
      .int()
      .min(-10_000_000)
      .max(10_000_000)
      .refine((d) => d !== 0, { message: 'must not be 0' }),
    reason: Text(200),
  })
  .strict();
export type StockAdjustmentInput = z.infer<typeof StockAdjustmentInput>;

export const StockAdjustment = StockAdjustmentInput.extend({
  adjustmentId: idOf('stockAdjustment'),
  productId: ProductId,
  villageId: VillageId,
  accountId: AccountId,
  createdAt: Timestamp,
});
export type StockAdjustment = z.infer<typeof StockAdjustment>;

export const Product = z.object({
  productId: ProductId,
  villageId: VillageId,
  county: z.string(),
  name: z.string(),
  nameEn: z.string().optional(),
  category: ProductCategory,
  unit: ProductUnit,
  priceFen: PositiveFen,
  stock: z.number().int().min(0),
  harvestWindow: HarvestWindow.nullable(),
  description: z.string(),
  descriptionEn: z.string().optional(),
  farmerShareBps: BasisPoints,
  photos: z.array(ProductPhoto),
  status: ProductStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().min(1),
});
export type Product = z.infer<typeof Product>;

export const ProductSort = z.enum(['newest', 'cheapest']);
export type ProductSort = z.infer<typeof ProductSort>;

export const ProductQuery = z
  .object({
    villageId: VillageId.optional(),
    county: Text(30).optional(),
    category: ProductCategory.optional(),
    inSeason: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** `withdrawn` and `all` are for the village's own cooperative and for organizers. */
    status: z.enum(['active', 'withdrawn', 'all']).default('active'),
    sort: ProductSort.default('newest'),
    limit: PageLimit,
    cursor: Cursor.optional(),
  })
  .strict();
export type ProductQuery = z.infer<typeof ProductQuery>;

/** Image types a photo may have, with the file extension its key gets. */
export const PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export const PhotoUploadRequest = z
  .object({
    contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  })
  .strict();
export type PhotoUploadRequest = z.infer<typeof PhotoUploadRequest>;

/** A presigned POST: send `fields` plus the file as multipart form data to `url`. */
export const PhotoUpload = z.object({
  photoKey: PhotoKey,
  url: z.url(),
  fields: z.record(z.string(), z.string()),
  maxBytes: z.number().int(),
  expiresAt: Timestamp,
});
export type PhotoUpload = z.infer<typeof PhotoUpload>;

/**
 * What an order line or a group buy keeps of a product as it was when bought: later edits of the product must
 * not rewrite what was sold, and the ledger needs the category and farmer share the sale was made under.
 */
export const ProductTerms = z.object({
  productId: ProductId,
  villageId: VillageId,
  productName: z.string(),
  unit: ProductUnit,
  category: ProductCategory,
  farmerShareBps: BasisPoints,
});
export type ProductTerms = z.infer<typeof ProductTerms>;

/** The terms of a product now, for an order line or a group buy. */
export function productTermsOf(product: Pick<Product, 'productId' | 'villageId' | 'name' | 'unit' | 'category' | 'farmerShareBps'>): ProductTerms {
  const { productId, villageId, name: productName, unit, category, farmerShareBps } = product;
  return { productId, villageId, productName, unit, category, farmerShareBps };
}

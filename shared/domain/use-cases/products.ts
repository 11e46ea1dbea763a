import { requireActor, requireRole, type Actor, type Caller } from '../actor.js';
import type { Page } from '../common.js';
import { PreconditionFailedError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import {
  MAX_PHOTO_BYTES,
  PHOTO_TYPES,
  ProductInput,
  StockAdjustment,
  type PhotoUpload,
  type PhotoUploadRequest,
  type Product,
  type ProductPatch,
  type ProductQuery,
  type StockAdjustmentInput,
} from '../product.js';
import type { Deps, IdempotencyClaim, MediaStorage, StoredProduct } from '../ports.js';
import { monthDayInShanghai } from '../season.js';
import { idempotencyWrite } from './idempotency.js';

/** How long a presigned photo upload stays usable. */
const PHOTO_UPLOAD_TTL_SECONDS = 10 * 60;

/** The API shape of a stored product: photo keys become URLs where browsers load them. */
export function presentProduct(media: Pick<MediaStorage, 'publicUrl'>, stored: StoredProduct): Product {
  const { photoKeys, ...rest } = stored;
  return { ...rest, photos: photoKeys.map((key) => ({ key, url: media.publicUrl(key) })) };
}

/** Whether the caller manages this village's products: its own cooperative, or an organizer. */
function managesVillage(caller: Caller, villageId: string): boolean {
  return caller?.role === 'organizer' || (caller?.role === 'coop' && caller.villageId === villageId);
}

/** A product the calling cooperative owns, checked against the stored record, never the request. */
async function ownedProduct(deps: Pick<Deps, 'products'>, caller: Caller, productId: string): Promise<{ actor: Extract<Actor, { role: 'coop' }>; product: StoredProduct }> {
  const actor = requireRole(caller, 'coop');
  const product = await deps.products.get(productId);
  if (!product) throw new NotFoundError('No such product', 'productId');
  if (product.villageId !== actor.villageId) {
    throw new ForbiddenError("A cooperative may change only its own village's products");
  }
  return { actor, product };
}

/**
 * Browses products. Active products are public, filtered by village, county, category and season;
 * withdrawn ones are listed only for the village's own cooperative and for organizers.
 */
export async function listProducts(
  deps: Pick<Deps, 'products' | 'villages' | 'media' | 'clock'>,
  caller: Caller,
  query: ProductQuery,
): Promise<Page<Product>> {
  const present = (page: Page<StoredProduct>) => ({ ...page, items: page.items.map((p) => presentProduct(deps.media, p)) });
  if (query.status !== 'active') {
    if (!query.villageId) throw new ValidationError('listing withdrawn products needs a villageId', 'villageId');
    if (!managesVillage(caller, query.villageId)) {
      throw new ForbiddenError("Only the village's cooperative and organizers see its withdrawn products");
    }
    if (query.sort !== 'newest') throw new ValidationError('withdrawn products are listed newest first only', 'sort');
    if (query.inSeason !== undefined || query.category || query.county) {
      throw new ValidationError('with status other than active, filter by villageId only', query.inSeason !== undefined ? 'inSeason' : query.category ? 'category' : 'county');
    }
    return present(await deps.products.listByVillage({ villageId: query.villageId, status: query.status, limit: query.limit, cursor: query.cursor }));
  }
  if (query.villageId && query.county) {
    // The village listing already implies its county; a contradicting county simply matches nothing.
    const village = await deps.villages.get(query.villageId);
    if (!village || village.county !== query.county) return { items: [], nextCursor: null };
  }
  const page = await deps.products.listActive({
    villageId: query.villageId,
    county: query.villageId ? undefined : query.county,
    category: query.category,
    inSeasonOn: query.inSeason ? monthDayInShanghai(deps.clock.now()) : undefined,
    sort: query.sort,
    limit: query.limit,
    cursor: query.cursor,
  });
  return present(page);
}

/** One product. A withdrawn product is visible only to those who manage its village. */
export async function getProduct(deps: Pick<Deps, 'products' | 'media'>, caller: Caller, input: { productId: string }): Promise<Product> {
  const product = await deps.products.get(input.productId);
  if (!product || (product.status !== 'active' && !managesVillage(caller, product.villageId))) {
    throw new NotFoundError('No such product', 'productId');
  }
  return presentProduct(deps.media, product);
}

/** A cooperative lists a new product of its own village. */
export async function createProduct(
  deps: Pick<Deps, 'products' | 'villages' | 'media' | 'clock' | 'ids'>,
  caller: Caller,
  input: { villageId: string; product: ProductInput },
  idempotency?: IdempotencyClaim,
): Promise<Product> {
  const actor = requireRole(caller, 'coop');
  if (actor.villageId !== input.villageId) {
    throw new ForbiddenError("A cooperative may list products only for its own village", 'villageId');
  }
  const village = await deps.villages.get(input.villageId);
  if (!village) throw new NotFoundError('No such village', 'villageId');
  const fields = ProductInput.parse(input.product);
  const now = deps.clock.now().toISOString();
  const stored: StoredProduct = {
    ...fields,
    productId: deps.ids.next('product'),
    villageId: village.villageId,
    county: village.county,
    photoKeys: [],
    status: 'active',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const product = presentProduct(deps.media, stored);
  await deps.products.create(stored, idempotencyWrite(deps, idempotency, product));
  return product;
}

/**
 * A cooperative edits, reprices, withdraws or re-lists its product, or sets its photos. New photo keys must
 * name objects already uploaded under this product's prefix, of an allowed type and size.
 */
export async function updateProduct(
  deps: Pick<Deps, 'products' | 'media' | 'clock'>,
  caller: Caller,
  input: { productId: string; patch: ProductPatch; expectedVersion?: number },
): Promise<Product> {
  const { product: current } = await ownedProduct(deps, caller, input.productId);
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw new PreconditionFailedError(
      `The product is at version ${current.version}, not ${input.expectedVersion}; reload it and try again`,
      'If-Match',
    );
  }
  const { photoKeys, ...fields } = input.patch;
  if (photoKeys) await checkPhotoKeys(deps.media, current, photoKeys);
  const next: StoredProduct = {
    ...current,
    ...fields,
    ...(photoKeys ? { photoKeys } : {}),
    updatedAt: deps.clock.now().toISOString(),
    version: current.version + 1,
  };
  await deps.products.update(next, current);
  const saved = await deps.products.get(input.productId);
  if (!saved) throw new NotFoundError('No such product', 'productId');
  return presentProduct(deps.media, saved);
}

async function checkPhotoKeys(media: MediaStorage, product: StoredProduct, photoKeys: string[]): Promise<void> {
  const seen = new Set<string>();
  const prefix = `products/${product.productId}/`;
  for (const [index, key] of photoKeys.entries()) {
    const field = `photoKeys.${index}`;
    if (seen.has(key)) throw new ValidationError('lists the same photo twice', field);
    seen.add(key);
    if (!key.startsWith(prefix)) throw new ValidationError("is not a photo of this product", field);
    if (product.photoKeys.includes(key)) continue;
    const object = await media.describe(key);
    if (!object) throw new ValidationError('was not uploaded (or its upload expired); upload it first', field);
    const allowedTypes: readonly string[] = Object.keys(PHOTO_TYPES);
    // S3 accepts whatever the policy let through; checking again here keeps the rule in one place we control.
    if (object.bytes > MAX_PHOTO_BYTES) throw new ValidationError('is larger than 5 MB', field);
    if (!object.contentType || !allowedTypes.includes(object.contentType)) {
      throw new ValidationError('is not a JPEG, PNG or WebP image', field);
    }
  }
}

/** A cooperative restocks (positive delta) or writes off (negative) stock; never below zero. */
export async function adjustStock(
  deps: Pick<Deps, 'products' | 'clock' | 'ids'>,
  caller: Caller,
  input: { productId: string; adjustment: StockAdjustmentInput },
  idempotency?: IdempotencyClaim,
): Promise<StockAdjustment> {
  const { actor, product } = await ownedProduct(deps, caller, input.productId);
  const adjustment = StockAdjustment.parse({
    ...input.adjustment,
    adjustmentId: deps.ids.next('stockAdjustment'),
    productId: product.productId,
    villageId: product.villageId,
    accountId: actor.accountId,
    createdAt: deps.clock.now().toISOString(),
  });
  await deps.products.adjustStock(adjustment, idempotencyWrite(deps, idempotency, adjustment));
  return adjustment;
}

/** The restock and write-off history of a product, for its cooperative and for organizers. */
export async function listStockAdjustments(
  deps: Pick<Deps, 'products'>,
  caller: Caller,
  input: { productId: string; limit: number; cursor?: string },
): Promise<Page<StockAdjustment>> {
  const product = await deps.products.get(input.productId);
  if (!product) throw new NotFoundError('No such product', 'productId');
  requireActor(caller);
  if (!managesVillage(caller, product.villageId)) {
    throw new ForbiddenError("Only the village's cooperative and organizers see its stock history");
  }
  return deps.products.listAdjustments(input);
}

/** A cooperative gets a presigned POST to upload one photo of its product straight from the browser. */
export async function requestPhotoUpload(
  deps: Pick<Deps, 'products' | 'media' | 'clock' | 'ids'>,
  caller: Caller,
  input: { productId: string; upload: PhotoUploadRequest },
): Promise<PhotoUpload> {
  const { product } = await ownedProduct(deps, caller, input.productId);
  const extension = PHOTO_TYPES[input.upload.contentType];
  const photoKey = `products/${product.productId}/${deps.ids.next('photo')}.${extension}`;
  const presigned = await deps.media.presignUpload({
    key: photoKey,
    contentType: input.upload.contentType,
    maxBytes: MAX_PHOTO_BYTES,
    expiresInSeconds: PHOTO_UPLOAD_TTL_SECONDS,
  });
  const expiresAt = new Date(deps.clock.now().getTime() + PHOTO_UPLOAD_TTL_SECONDS * 1000).toISOString();
  return { photoKey, ...presigned, maxBytes: MAX_PHOTO_BYTES, expiresAt };
}

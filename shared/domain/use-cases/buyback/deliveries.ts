import type { Caller } from '../../actor.js';
import {
  DeliveryInput,
  RejectionInput,
  StoredDelivery,
  dayInShanghai,
  isoWeekOf,
  priceDelivery,
  type Delivery,
  type DeliveryPhotoUpload,
  type Guarantee,
} from '../../buyback.js';
import { ConflictError, NotFoundError, ServiceBusyError, ValidationError } from '../../errors.js';
import type { Deps, IdempotencyClaim, MediaStorage } from '../../ports.js';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, productTermsOf, type PhotoUploadRequest, type ProductTerms } from '../../product.js';
import { idempotencyWrite } from '../idempotency.js';
import { asBuyer, asVillage, partyOf, visibleGuarantee } from './access.js';
import { marketReferenceFor } from './market-prices.js';
import { presentDelivery } from './queries.js';

/** How often a write is re-decided when the guarantee (its terms) or the delivery moved between read and write. */
const ATTEMPTS = 6;

/** How long a presigned delivery-photo upload stays usable. */
const PHOTO_UPLOAD_TTL_SECONDS = 10 * 60;

const photoPrefix = (guaranteeId: string) => `buyback/${guaranteeId}/`;

/** The cooperative gets a presigned POST to upload one delivery photo (a weighing slip, the birds at hand-over). */
export async function requestDeliveryPhoto(
  deps: Pick<Deps, 'buyback' | 'media' | 'clock' | 'ids'>,
  caller: Caller,
  input: { guaranteeId: string; upload: PhotoUploadRequest },
): Promise<DeliveryPhotoUpload> {
  const { actor, guarantee } = await visibleGuarantee(deps, caller, input.guaranteeId);
  asVillage(actor, guarantee, 'records deliveries');
  if (guarantee.status !== 'active') throw new ConflictError(`A guarantee that is ${guarantee.status} takes no deliveries`, 'guaranteeId');
  const photoKey = `${photoPrefix(guarantee.guaranteeId)}${deps.ids.next('photo')}.${PHOTO_TYPES[input.upload.contentType]}`;
  const presigned = await deps.media.presignUpload({
    key: photoKey,
    contentType: input.upload.contentType,
    maxBytes: MAX_PHOTO_BYTES,
    expiresInSeconds: PHOTO_UPLOAD_TTL_SECONDS,
  });
  const expiresAt = new Date(deps.clock.now().getTime() + PHOTO_UPLOAD_TTL_SECONDS * 1000).toISOString();
  return { photoKey, ...presigned, maxBytes: MAX_PHOTO_BYTES, expiresAt };
}

async function checkPhoto(media: MediaStorage, guaranteeId: string, photoKey: string): Promise<void> {
  if (!photoKey.startsWith(photoPrefix(guaranteeId))) throw new ValidationError('is not a photo of this guarantee', 'photoKey');
  const object = await media.describe(photoKey);
  if (!object) throw new ValidationError('was not uploaded (or its upload expired); upload it first', 'photoKey');
  // The POST policy already limits both; checked again here so the rule does not depend on the storage alone.
  if (object.bytes > MAX_PHOTO_BYTES) throw new ValidationError('is larger than 5 MB', 'photoKey');
  if (!object.contentType || !Object.keys(PHOTO_TYPES).includes(object.contentType)) throw new ValidationError('is not a JPEG, PNG or WebP image', 'photoKey');
}

/** The product delivered: the guaranteed one, or for a category guarantee one of the village's products in it. */
async function deliveredProduct(deps: Pick<Deps, 'products'>, guarantee: Guarantee, productId: string | undefined): Promise<ProductTerms> {
  const { scope } = guarantee;
  if (scope.kind === 'product') {
    if (productId && productId !== scope.productId) throw new ValidationError('is not the guaranteed product', 'productId');
    const product = await deps.products.get(scope.productId);
    if (!product) throw new NotFoundError('The guaranteed product no longer exists', 'productId');
    return productTermsOf(product);
  }
  if (!productId) throw new ValidationError("is required for a category guarantee: name which of the village's products was delivered", 'productId');
  const product = await deps.products.get(productId);
  if (!product || product.villageId !== guarantee.villageId) throw new ValidationError('is not a product of this village', 'productId');
  if (product.category !== scope.category || product.unit !== scope.unit) {
    throw new ValidationError(`must be a ${scope.category} product sold by the ${scope.unit}`, 'productId');
  }
  return productTermsOf(product);
}

/**
 * The cooperative records a delivery: in an accepted grade, dated inside the window and not in the future, while
 * the window is open (until 00:00 Asia/Shanghai after its last day). Every recorded delivery counts as offered,
 * whatever the buyer decides.
 */
export async function recordDelivery(
  deps: Pick<Deps, 'buyback' | 'products' | 'media' | 'clock' | 'ids'>,
  caller: Caller,
  input: { guaranteeId: string; delivery: DeliveryInput },
  idempotency?: IdempotencyClaim,
): Promise<Delivery> {
  const fields = DeliveryInput.parse(input.delivery);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { actor, guarantee } = await visibleGuarantee(deps, caller, input.guaranteeId);
    const coop = asVillage(actor, guarantee, 'records deliveries');
    if (guarantee.status !== 'active') throw new ConflictError(`A guarantee that is ${guarantee.status} takes no deliveries`, 'guaranteeId');
    const { terms } = guarantee;
    const now = deps.clock.now();
    if (!terms.acceptedGrades.includes(fields.grade)) throw new ValidationError(`must be one of the accepted grades: ${terms.acceptedGrades.join(', ')}`, 'grade');
    if (fields.deliveredOn < terms.window.start || fields.deliveredOn > terms.window.end) {
      throw new ValidationError(`must be inside the window, ${terms.window.start} to ${terms.window.end}`, 'deliveredOn');
    }
    if (fields.deliveredOn > dayInShanghai(now)) throw new ValidationError('must not be in the future', 'deliveredOn');
    if (now.toISOString() >= guarantee.closesAt) {
      throw new ConflictError(`The window closed at 00:00 after ${terms.window.end} (Beijing time); no more deliveries`, 'deliveredOn');
    }
    const product = await deliveredProduct(deps, guarantee, fields.productId);
    if (fields.photoKey) await checkPhoto(deps.media, guarantee.guaranteeId, fields.photoKey);
    const delivery = StoredDelivery.parse({
      deliveryId: deps.ids.next('delivery'),
      guaranteeId: guarantee.guaranteeId,
      villageId: guarantee.villageId,
      organizationId: guarantee.organizationId,
      product,
      quantity: fields.quantity,
      grade: fields.grade,
      deliveredOn: fields.deliveredOn,
      isoWeek: isoWeekOf(fields.deliveredOn),
      ...(fields.note ? { note: fields.note } : {}),
      ...(fields.photoKey ? { photoKey: fields.photoKey } : {}),
      status: 'recorded',
      termsVersion: guarantee.termsVersion,
      recordedBy: partyOf(coop),
      recordedAt: now.toISOString(),
    });
    const presented = presentDelivery(deps.media, delivery);
    if ((await deps.buyback.recordDelivery({ delivery, now, idempotency: idempotencyWrite(deps, idempotency, presented) })) === 'done') return presented;
  }
  throw new ServiceBusyError('This guarantee is changing too fast; try again');
}

/** A delivery the caller may decide on, and the guarantee it belongs to. */
async function decidable(deps: Pick<Deps, 'buyback'>, caller: Caller, input: { guaranteeId: string; deliveryId: string }) {
  const { actor, guarantee } = await visibleGuarantee(deps, caller, input.guaranteeId);
  const leader = asBuyer(actor, guarantee, 'accepts or rejects deliveries');
  const delivery = await deps.buyback.getDelivery(guarantee.guaranteeId, input.deliveryId);
  if (!delivery) throw new NotFoundError('No such delivery in this guarantee', 'deliveryId');
  return { leader, guarantee, delivery };
}

function requireOpen(guarantee: Guarantee, now: Date): void {
  if (guarantee.status !== 'active' || now.toISOString() >= guarantee.closesAt) {
    throw new ConflictError('Deliveries are decided while the guarantee is active; at the close an undecided delivery counts as offered, not accepted', 'deliveryId');
  }
}

/**
 * The organisation accepts a delivery. It is priced now, at max(floor price, market reference of its ISO week), and
 * the price is stored with it. The acceptance and the guarantee's accepted total move in one conditional
 * transaction, so the maximum holds however many acceptances race. Accepting it again changes nothing.
 */
export async function acceptDelivery(
  deps: Pick<Deps, 'buyback' | 'products' | 'marketPrices' | 'media' | 'clock'>,
  caller: Caller,
  input: { guaranteeId: string; deliveryId: string },
): Promise<Delivery> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { leader, guarantee, delivery } = await decidable(deps, caller, input);
    if (delivery.status === 'accepted' || delivery.status === 'settling' || delivery.status === 'paid') return presentDelivery(deps.media, delivery);
    if (delivery.status === 'rejected') throw new ConflictError('This delivery was rejected; a rejection is final', 'deliveryId');
    const now = deps.clock.now();
    requireOpen(guarantee, now);
    const reference = await marketReferenceFor(deps, delivery.product.productId, delivery.isoWeek);
    const pricing = priceDelivery({
      termsVersion: guarantee.termsVersion,
      floorPriceFen: guarantee.terms.floorPriceFen,
      reference,
      quantity: delivery.quantity,
      unit: delivery.product.unit,
    });
    const accepted: StoredDelivery = { ...delivery, status: 'accepted', decidedBy: partyOf(leader), decidedAt: now.toISOString(), pricing };
    if ((await deps.buyback.acceptDelivery({ delivery: accepted, maximumQuantity: guarantee.terms.maximumQuantity, now })) === 'done') {
      return presentDelivery(deps.media, accepted);
    }
  }
  throw new ServiceBusyError('This guarantee is changing too fast; try again');
}

/** The organisation rejects a delivery, with its reason. Final; rejecting it again changes nothing. */
export async function rejectDelivery(
  deps: Pick<Deps, 'buyback' | 'media' | 'clock'>,
  caller: Caller,
  input: { guaranteeId: string; deliveryId: string; rejection: RejectionInput },
): Promise<Delivery> {
  const { reason } = RejectionInput.parse(input.rejection);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { leader, guarantee, delivery } = await decidable(deps, caller, input);
    if (delivery.status === 'rejected') return presentDelivery(deps.media, delivery);
    if (delivery.status !== 'recorded') throw new ConflictError(`This delivery was already accepted (${delivery.status}); it can no longer be rejected`, 'deliveryId');
    const now = deps.clock.now();
    requireOpen(guarantee, now);
    const rejected: StoredDelivery = { ...delivery, status: 'rejected', decidedBy: partyOf(leader), decidedAt: now.toISOString(), rejectionReason: reason };
    if ((await deps.buyback.rejectDelivery({ delivery: rejected, now })) === 'done') return presentDelivery(deps.media, rejected);
  }
  throw new ServiceBusyError('This delivery is changing too fast; try again');
}

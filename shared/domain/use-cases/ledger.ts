import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { requireActor, requireRole, type Caller } from '../actor.js';
import type { Page } from '../common.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { OfflineSaleInput, receiptPrefixOf, type LedgerFilter, type ReceiptUpload, type ReceiptUploadRequest, type SaleQuery } from '../offline-sale.js';
import type { Deps, IdempotencyClaim, SaleListQuery } from '../ports.js';
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from '../product.js';
import { householdFenOf, withHouseholdShare, type Sale } from '../sale.js';
import { PROGRAMME_TIME_ZONE } from '../season.js';
import { idempotencyWrite } from './idempotency.js';

/** How long a presigned receipt upload stays usable. */
const RECEIPT_UPLOAD_TTL_SECONDS = 10 * 60;

/** A phone's clock may run a little ahead of the server's: a sale dated "now" on it is not a future sale. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Offline sales older than this are refused as typos (a year like 0226). */
const EARLIEST_SALE = new Date('2000-01-01T00:00:00+08:00');

/** Whose ledger a query reads: one village's sales (S1) or one organisation's purchases (S3). */
export type LedgerScope = { villageId: string; organizationId?: undefined } | { organizationId: string; villageId?: undefined };

/**
 * Who may read which ledger: a cooperative its own village's sales (the default), a leader its organisation's
 * purchases (the default), an organizer any one village's or organisation's, named explicitly.
 */
export function ledgerScope(caller: Caller, filter: { villageId?: string; organizationId?: string }): LedgerScope {
  const actor = requireActor(caller);
  const { villageId, organizationId } = filter;
  if (villageId && organizationId) throw new ValidationError('give villageId or organizationId, not both', 'organizationId');
  switch (actor.role) {
    case 'organizer':
      if (villageId) return { villageId };
      if (organizationId) return { organizationId };
      throw new ValidationError('organizers name a villageId or an organizationId', 'villageId');
    case 'coop':
      if (organizationId) throw new ForbiddenError("A cooperative sees its own village's sales only", 'organizationId');
      if (villageId && villageId !== actor.villageId) throw new ForbiddenError("A cooperative sees its own village's sales only", 'villageId');
      return { villageId: actor.villageId };
    case 'leader':
      if (villageId) throw new ForbiddenError("An organisation sees its own purchases only; filter by organizationId", 'villageId');
      if (organizationId && organizationId !== actor.organizationId) {
        throw new ForbiddenError("An organisation sees its own purchases only", 'organizationId');
      }
      return { organizationId: actor.organizationId };
    default:
      throw new ForbiddenError('Only cooperatives, organisations and organizers see the ledger');
  }
}

/** The start of an Asia/Shanghai calendar day (`yyyy-mm-dd`), as an instant. */
function startOfShanghaiDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date, PROGRAMME_TIME_ZONE).getTime());
}

/**
 * A ledger filter's bounds as the UTC instants the ledger sorts by: a day `from` starts at its Asia/Shanghai
 * midnight; a day `to` includes the whole day (ends at the next midnight); instants are taken as given.
 */
export function ledgerBounds(filter: Pick<LedgerFilter, 'from' | 'to'>): { from?: string; to?: string } {
  const isDay = (bound: string) => bound.length === 10;
  const from = filter.from === undefined ? undefined : isDay(filter.from) ? startOfShanghaiDay(filter.from) : new Date(filter.from);
  const to = filter.to === undefined ? undefined : isDay(filter.to) ? addDays(startOfShanghaiDay(filter.to), 1) : new Date(filter.to);
  if (from && to && from.getTime() >= to.getTime()) throw new ValidationError('must be after from', 'to');
  return { from: from?.toISOString(), to: to?.toISOString() };
}

/** One page of a scope's ledger, newest first. */
export function readLedgerPage(deps: Pick<Deps, 'ledger'>, scope: LedgerScope, query: SaleListQuery): Promise<Page<Sale>> {
  return scope.villageId !== undefined
    ? deps.ledger.listByVillage({ ...query, villageId: scope.villageId })
    : deps.ledger.listByOrganization({ ...query, organizationId: scope.organizationId });
}

/** Lists ledger rows, newest first: a village's sales or an organisation's purchases (see `ledgerScope`). */
export async function listSales(deps: Pick<Deps, 'ledger'>, caller: Caller, query: SaleQuery): Promise<Page<Sale>> {
  const scope = ledgerScope(caller, query);
  return readLedgerPage(deps, scope, { ...ledgerBounds(query), channel: query.channel, limit: query.limit, cursor: query.cursor });
}

/** The calling cooperative, if it is the village's own. */
function villageCoop(caller: Caller, villageId: string) {
  const actor = requireRole(caller, 'coop');
  if (actor.villageId !== villageId) throw new ForbiddenError("A cooperative records its own village's sales only", 'villageId');
  return actor;
}

/** A cooperative gets a presigned POST to upload one receipt photo of an offline sale. */
export async function requestReceiptUpload(
  deps: Pick<Deps, 'media' | 'clock' | 'ids'>,
  caller: Caller,
  input: { villageId: string; upload: ReceiptUploadRequest },
): Promise<ReceiptUpload> {
  villageCoop(caller, input.villageId);
  const receiptPhotoKey = `${receiptPrefixOf(input.villageId)}${deps.ids.next('photo')}.${PHOTO_TYPES[input.upload.contentType]}`;
  const presigned = await deps.media.presignUpload({
    key: receiptPhotoKey,
    contentType: input.upload.contentType,
    maxBytes: MAX_PHOTO_BYTES,
    expiresInSeconds: RECEIPT_UPLOAD_TTL_SECONDS,
  });
  const expiresAt = new Date(deps.clock.now().getTime() + RECEIPT_UPLOAD_TTL_SECONDS * 1000).toISOString();
  return { receiptPhotoKey, ...presigned, maxBytes: MAX_PHOTO_BYTES, expiresAt };
}

async function checkReceipt(deps: Pick<Deps, 'media'>, villageId: string, key: string): Promise<void> {
  const field = 'receiptPhotoKey';
  if (!key.startsWith(receiptPrefixOf(villageId))) throw new ValidationError("is not a receipt of this village", field);
  const object = await deps.media.describe(key);
  if (!object) throw new ValidationError('was not uploaded (or its upload expired); upload it first', field);
  const allowedTypes: readonly string[] = Object.keys(PHOTO_TYPES);
  if (object.bytes > MAX_PHOTO_BYTES) throw new ValidationError('is larger than 5 MB', field);
  if (!object.contentType || !allowedTypes.includes(object.contentType)) throw new ValidationError('is not a JPEG, PNG or WebP image', field);
}

/**
 * A cooperative records an offline or consignment sale of one of its products, with the receipt photo it
 * uploaded. The farmer share is the product's; the sale and its monthly sums are written together.
 */
export async function recordOfflineSale(
  deps: Pick<Deps, 'ledger' | 'products' | 'organizations' | 'media' | 'clock' | 'ids'>,
  caller: Caller,
  input: { villageId: string; sale: OfflineSaleInput },
  idempotency?: IdempotencyClaim,
): Promise<Sale> {
  const actor = villageCoop(caller, input.villageId);
  const fields = OfflineSaleInput.parse(input.sale);
  const occurredAt = new Date(fields.occurredAt);
  const now = deps.clock.now();
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new ValidationError('is in the future', 'occurredAt');
  if (occurredAt.getTime() < EARLIEST_SALE.getTime()) throw new ValidationError('is before 2000', 'occurredAt');
  const [product, organization] = await Promise.all([
    deps.products.get(fields.productId),
    fields.organizationId ? deps.organizations.get(fields.organizationId) : undefined,
  ]);
  if (!product || product.villageId !== input.villageId) throw new ValidationError('is not a product of this village', 'productId');
  if (fields.organizationId && !organization) throw new ValidationError('is not a registered organisation', 'organizationId');
  await checkReceipt(deps, input.villageId, fields.receiptPhotoKey);
  const sale = withHouseholdShare({
    source: `offline:${deps.ids.next('sale')}`,
    villageId: product.villageId,
    productId: product.productId,
    productName: product.name,
    unit: product.unit,
    category: product.category,
    channel: 'offline',
    counterparty: fields.counterparty,
    ...(fields.organizationId ? { organizationId: fields.organizationId } : {}),
    quantity: fields.quantity,
    amountFen: fields.amountFen,
    farmerShareBps: product.farmerShareBps,
    // The ledger's sort keys are UTC instants: an offset written by the client must not reorder them.
    occurredAt: occurredAt.toISOString(),
    recordedBy: actor.accountId,
    ...(fields.note ? { note: fields.note } : {}),
    receiptPhotoKey: fields.receiptPhotoKey,
  });
  await deps.ledger.append([sale], idempotencyWrite(deps, idempotency, sale));
  return sale;
}

/** The source of the record that reverses `source`; being the record's key, it makes a second reversal impossible. */
export const reversalSourceOf = (source: string) => `reversal:${source}`;

/**
 * A cooperative corrects one of its offline sales the only way the ledger allows: by appending its exact
 * negative. The reversal is dated like the sale, so the month it was booked in nets to zero; a sale is
 * reversed at most once, and reversals are not themselves reversible.
 */
export async function reverseSale(
  deps: Pick<Deps, 'ledger' | 'clock'>,
  caller: Caller,
  input: { source: string; reason: string },
  idempotency?: IdempotencyClaim,
): Promise<Sale> {
  const actor = requireRole(caller, 'coop');
  const original = await deps.ledger.get(input.source);
  if (!original) throw new NotFoundError('No sale with this source', 'source');
  if (original.villageId !== actor.villageId) throw new ForbiddenError("A cooperative corrects its own village's sales only", 'source');
  if (original.channel !== 'offline' || original.reverses) {
    throw new ConflictError('Only offline sales can be reversed by a cooperative; orders are refunded through the order', 'source');
  }
  const { receiptPhotoKey: _receipt, note: _note, ...kept } = original;
  const reversal: Sale = {
    ...kept,
    source: reversalSourceOf(original.source),
    quantity: -original.quantity,
    amountFen: -original.amountFen,
    householdFen: -householdFenOf(original),
    recordedBy: actor.accountId,
    note: `${input.reason} (reversed ${deps.clock.now().toISOString()})`,
    reverses: original.source,
  };
  try {
    await deps.ledger.append([reversal], idempotencyWrite(deps, idempotency, reversal));
  } catch (error) {
    if (error instanceof ConflictError && error.field === 'source') throw new ConflictError('This sale has already been reversed', 'source');
    throw error;
  }
  return reversal;
}

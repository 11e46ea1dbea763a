import { requireRole, type Caller } from '../../actor.js';
import {
  AmendmentInput,
  Guarantee,
  GuaranteeOffer,
  TermsVersion,
  closesAtOf,
  dayInShanghai,
  type CurrentTerms,
  type GuaranteeDetail,
  type GuaranteeScope,
} from '../../buyback.js';
import { ConflictError, ForbiddenError, NotFoundError, ServiceBusyError, ValidationError } from '../../errors.js';
import type { Deps, IdempotencyClaim } from '../../ports.js';
import { idempotencyWrite } from '../idempotency.js';
import { asVillage, partyOf, sideOf, visibleGuarantee, type Side } from './access.js';
import { detailOf, getGuarantee } from './queries.js';

/** How often a decision is re-made when the guarantee moved between read and write. */
const ATTEMPTS = 6;

type TermsFields = Omit<CurrentTerms, 'version'>;

function termsFieldsOf(fields: TermsFields): TermsFields {
  const { window, floorPriceFen, committedQuantity, maximumQuantity, acceptedGrades, deliveryPlace } = fields;
  return { window, floorPriceFen, committedQuantity, maximumQuantity, acceptedGrades, deliveryPlace };
}

/**
 * An organisation's leader offers a village a guarantee (version 1 of its terms). It binds nobody until the
 * village's cooperative accepts it.
 */
export async function offerGuarantee(
  deps: Pick<Deps, 'buyback' | 'products' | 'villages' | 'organizations' | 'media' | 'clock' | 'ids'>,
  caller: Caller,
  input: GuaranteeOffer,
  idempotency?: IdempotencyClaim,
): Promise<GuaranteeDetail> {
  const leader = requireRole(caller, 'leader');
  const fields = GuaranteeOffer.parse(input);
  const now = deps.clock.now();
  if (fields.window.end < dayInShanghai(now)) throw new ValidationError('has already passed; a guarantee covers a season still to come', 'window.end');
  const [village, organization] = await Promise.all([deps.villages.get(fields.villageId), deps.organizations.get(leader.organizationId)]);
  if (!village) throw new NotFoundError('No such village', 'villageId');
  if (!organization) throw new NotFoundError('Your organisation is not registered; ask the coordination office', 'organizationId');
  let scope: GuaranteeScope;
  if (fields.productId) {
    const product = await deps.products.get(fields.productId);
    if (!product) throw new NotFoundError('No such product', 'productId');
    if (product.villageId !== village.villageId) throw new ValidationError('is not a product of this village', 'productId');
    scope = { kind: 'product', productId: product.productId, productName: product.name, category: product.category, unit: product.unit };
  } else {
    scope = { kind: 'category', category: fields.category!, unit: fields.unit! };
  }
  const guaranteeId = deps.ids.next('guarantee');
  const at = now.toISOString();
  const terms = { ...termsFieldsOf(fields), version: 1 };
  const guarantee = Guarantee.parse({
    guaranteeId,
    villageId: village.villageId,
    villageName: village.name,
    organizationId: organization.organizationId,
    organizationName: organization.name,
    scope,
    status: 'offered',
    terms,
    termsVersion: 1,
    pendingAmendmentVersion: null,
    lastTermsVersion: 1,
    closesAt: closesAtOf(terms.window.end),
    offeredQuantity: 0,
    acceptedQuantity: 0,
    rejectedQuantity: 0,
    acceptedFen: 0,
    paidQuantity: 0,
    paidFen: 0,
    deliveryCount: 0,
    breach: null,
    offeredBy: partyOf(leader),
    createdAt: at,
    updatedAt: at,
  });
  const offer = TermsVersion.parse({ ...terms, guaranteeId, status: 'proposed', proposedBy: partyOf(leader), proposedAt: at });
  const detail = detailOf(deps.media, { guarantee, terms: [offer], deliveries: [] }, []);
  await deps.buyback.create(guarantee, offer, idempotencyWrite(deps, idempotency, detail));
  return detail;
}

/**
 * The village's cooperative accepts or declines an offer, until 00:00 Asia/Shanghai after the window's last day:
 * from then on the offer has lapsed (the scheduler marks it so), and either decision is a 409. Accepting makes the
 * terms binding and keeps the scheduled close; deciding again the same way changes nothing.
 */
export async function decideOffer(
  deps: Pick<Deps, 'buyback' | 'media' | 'clock'>,
  caller: Caller,
  input: { guaranteeId: string; decision: 'accept' | 'decline'; reason?: string },
): Promise<GuaranteeDetail> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { actor, guarantee } = await visibleGuarantee(deps, caller, input.guaranteeId);
    const coop = asVillage(actor, guarantee, 'accepts or declines an offer');
    const wanted = input.decision === 'accept' ? 'active' : 'declined';
    const already = wanted === 'active' ? guarantee.status === 'active' || guarantee.status === 'closed' : guarantee.status === 'declined';
    if (already) return getGuarantee(deps, caller, input);
    const now = deps.clock.now();
    if (guarantee.status === 'lapsed' || (guarantee.status === 'offered' && now.toISOString() >= guarantee.closesAt)) {
      throw new ConflictError("This offer lapsed: its window ended before it was decided; ask the organisation for a new offer", 'guaranteeId');
    }
    if (guarantee.status !== 'offered') throw new ConflictError(`This offer was already ${guarantee.status === 'declined' ? 'declined' : 'accepted'}`, 'guaranteeId');
    const offer = await deps.buyback.getTerms(guarantee.guaranteeId, 1);
    if (!offer) throw new NotFoundError('No such guarantee', 'guaranteeId');
    const decided = TermsVersion.parse({
      ...offer,
      status: wanted === 'active' ? 'accepted' : 'declined',
      decidedBy: partyOf(coop),
      decidedAt: now.toISOString(),
      ...(input.reason ? { decisionReason: input.reason } : {}),
    });
    if (await deps.buyback.decideOffer({ guaranteeId: guarantee.guaranteeId, status: wanted, terms: decided, closesAt: guarantee.closesAt, now })) {
      return getGuarantee(deps, caller, input);
    }
  }
  throw new ServiceBusyError('This guarantee is changing too fast; try again');
}

/**
 * Either party proposes new terms. Product and village never change; the maximum may not fall below what was
 * already accepted; the window may not end before today, nor its start move once it has opened (days already
 * past are history). One proposal at a time; the other side accepts or declines it.
 */
export async function proposeAmendment(
  deps: Pick<Deps, 'buyback' | 'clock'>,
  caller: Caller,
  input: { guaranteeId: string; amendment: AmendmentInput },
  idempotency?: IdempotencyClaim,
): Promise<TermsVersion> {
  const { actor, guarantee } = await visibleGuarantee(deps, caller, input.guaranteeId);
  if (!sideOf(actor, guarantee)) throw new ForbiddenError("Only the guarantee's two parties propose amendments");
  const fields = AmendmentInput.parse(input.amendment);
  if (guarantee.status === 'offered') throw new ConflictError('An offer not yet accepted is not amended: decline it, and offer again', 'guaranteeId');
  if (guarantee.status !== 'active') throw new ConflictError(`A ${guarantee.status} guarantee can no longer be amended`, 'guaranteeId');
  if (guarantee.pendingAmendmentVersion !== null) {
    throw new ConflictError(`Version ${guarantee.pendingAmendmentVersion} awaits a decision; it must be decided or withdrawn first`, 'guaranteeId');
  }
  const now = deps.clock.now();
  if (now.toISOString() >= guarantee.closesAt) throw new ConflictError('The window has ended; the guarantee is closing', 'guaranteeId');
  checkAmendment(guarantee, fields, dayInShanghai(now));
  const proposed = TermsVersion.parse({
    ...termsFieldsOf(fields),
    version: guarantee.lastTermsVersion + 1,
    guaranteeId: guarantee.guaranteeId,
    status: 'proposed',
    ...(fields.note ? { note: fields.note } : {}),
    proposedBy: partyOf(actor),
    proposedAt: now.toISOString(),
  });
  await deps.buyback.proposeAmendment({
    guaranteeId: guarantee.guaranteeId,
    baseVersion: guarantee.termsVersion,
    amendment: proposed,
    now,
    idempotency: idempotencyWrite(deps, idempotency, proposed),
  });
  return proposed;
}

function checkAmendment(guarantee: Guarantee, fields: TermsFields, today: string): void {
  if (fields.maximumQuantity !== null && fields.maximumQuantity < guarantee.acceptedQuantity) {
    throw new ValidationError(`must not be below the ${guarantee.acceptedQuantity} already accepted`, 'maximumQuantity');
  }
  if (fields.window.end < today) throw new ValidationError('must not be before today', 'window.end');
  if (fields.window.start !== guarantee.terms.window.start && today >= guarantee.terms.window.start) {
    throw new ValidationError('cannot move once the window has opened', 'window.start');
  }
}

/**
 * The other party accepts a proposed amendment (it becomes the terms in force), or either party declines it (the
 * proposer's "decline" withdraws it). Deciding again the same way changes nothing.
 */
export async function decideAmendment(
  deps: Pick<Deps, 'buyback' | 'media' | 'clock'>,
  caller: Caller,
  input: { guaranteeId: string; version: number; decision: 'accept' | 'decline'; reason?: string },
): Promise<GuaranteeDetail> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { actor, guarantee } = await visibleGuarantee(deps, caller, input.guaranteeId);
    const side = sideOf(actor, guarantee);
    if (!side) throw new ForbiddenError("Only the guarantee's two parties decide amendments");
    const amendment = input.version > 1 ? await deps.buyback.getTerms(guarantee.guaranteeId, input.version) : undefined;
    if (!amendment) throw new NotFoundError('No such amendment', 'version');
    const proposer: Side = amendment.proposedBy.role === 'coop' ? 'village' : 'buyer';
    if (input.decision === 'accept' && side === proposer) {
      throw new ForbiddenError('The side that proposed an amendment cannot accept it; the other side does');
    }
    const done = input.decision === 'accept' ? amendment.status === 'accepted' || amendment.status === 'superseded' : amendment.status === 'declined';
    if (done) return getGuarantee(deps, caller, input);
    if (amendment.status !== 'proposed') throw new ConflictError(`This amendment is ${amendment.status}`, 'version');
    const now = deps.clock.now();
    const decided = TermsVersion.parse({
      ...amendment,
      status: input.decision === 'accept' ? 'accepted' : 'declined',
      decidedBy: partyOf(actor),
      decidedAt: now.toISOString(),
      ...(input.reason ? { decisionReason: input.reason } : {}),
    });
    let result: 'done' | 'stale';
    if (input.decision === 'decline') {
      result = await deps.buyback.declineAmendment({ guaranteeId: guarantee.guaranteeId, amendment: decided, now });
    } else {
      if (guarantee.status !== 'active' || now.toISOString() >= guarantee.closesAt) throw new ConflictError('The guarantee has closed; amendments can no longer take effect', 'version');
      if (amendment.window.end < dayInShanghai(now)) throw new ConflictError('Its window ends before today; propose another amendment', 'version');
      if (amendment.maximumQuantity !== null && amendment.maximumQuantity < guarantee.acceptedQuantity) {
        throw new ConflictError(`${guarantee.acceptedQuantity} were already accepted, more than this amendment's maximum`, 'maximumQuantity');
      }
      result = await deps.buyback.acceptAmendment({ guarantee, amendment: decided, closesAt: closesAtOf(amendment.window.end), now });
    }
    if (result === 'done') return getGuarantee(deps, caller, input);
  }
  throw new ServiceBusyError('This guarantee is changing too fast; try again');
}

import { requireActor, type Caller } from '../../actor.js';
import {
  summaryOf,
  totalsOf,
  type Delivery,
  type Guarantee,
  type GuaranteeDetail,
  type GuaranteeList,
  type GuaranteeQuery,
  type Settlement,
  type StoredDelivery,
  type TermsVersion,
} from '../../buyback.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import type { Deps, MediaStorage } from '../../ports.js';
import { mayRead } from './access.js';

/** A delivery as the API shows it: its photo key becomes the URL browsers load it from. */
export function presentDelivery(media: Pick<MediaStorage, 'publicUrl'>, stored: StoredDelivery): Delivery {
  const { photoKey, ...rest } = stored;
  return { ...rest, photo: photoKey ? { key: photoKey, url: media.publicUrl(photoKey) } : null };
}

/** Everything both sides see of one guarantee. */
export function detailOf(
  media: Pick<MediaStorage, 'publicUrl'>,
  record: { guarantee: Guarantee; terms: TermsVersion[]; deliveries: StoredDelivery[] },
  settlements: Settlement[],
): GuaranteeDetail {
  const { guarantee, terms, deliveries } = record;
  const amountOf = (status: StoredDelivery['status']) =>
    deliveries.filter((d) => d.status === status).reduce((sum, d) => sum + (d.pricing?.amountFen ?? 0), 0);
  return {
    ...guarantee,
    summary: summaryOf(guarantee),
    termsHistory: [...terms].sort((a, b) => a.version - b.version),
    deliveries: deliveries.map((d) => presentDelivery(media, d)),
    settlements,
    payableFen: amountOf('accepted'),
    settlingFen: amountOf('settling'),
  };
}

/** One guarantee with its terms history, deliveries (each with its pricing) and settlements, for those who may see it. */
export async function getGuarantee(deps: Pick<Deps, 'buyback' | 'media'>, caller: Caller, input: { guaranteeId: string }): Promise<GuaranteeDetail> {
  const actor = requireActor(caller);
  const record = await deps.buyback.getRecord(input.guaranteeId);
  if (!record || !mayRead(actor, record.guarantee)) throw new NotFoundError('No such guarantee', 'guaranteeId');
  return detailOf(deps.media, record, await deps.buyback.listSettlements(input.guaranteeId));
}

/**
 * Guarantees with their totals. Organizers see all (filtered by village, organisation, status); a cooperative only
 * its village's and a leader only its organisation's, whatever filter they send.
 */
export async function listGuarantees(deps: Pick<Deps, 'buyback'>, caller: Caller, query: GuaranteeQuery): Promise<GuaranteeList> {
  const actor = requireActor(caller);
  let scoped: GuaranteeQuery;
  if (actor.role === 'organizer') scoped = query;
  else if (actor.role === 'coop') {
    if (query.villageId && query.villageId !== actor.villageId) throw new ForbiddenError("A cooperative sees only its own village's guarantees", 'villageId');
    scoped = { ...query, villageId: actor.villageId };
  } else if (actor.role === 'leader') {
    if (query.organizationId && query.organizationId !== actor.organizationId) {
      throw new ForbiddenError("A leader sees only its own organisation's guarantees", 'organizationId');
    }
    scoped = { ...query, organizationId: actor.organizationId };
  } else throw new ForbiddenError('Buyers take no part in guarantees');
  const guarantees = await deps.buyback.list(scoped);
  return { items: guarantees.map((g) => ({ ...g, summary: summaryOf(g) })), totals: totalsOf(guarantees) };
}

import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AmendmentInput,
  DecisionNote,
  Delivery,
  DeliveryId,
  DeliveryInput,
  DeliveryPhotoUpload,
  GuaranteeDetail,
  GuaranteeId,
  GuaranteeList,
  GuaranteeOffer,
  GuaranteeQuery,
  PlacedSettlement,
  RejectionInput,
  Settlement,
  SettlementId,
  SettlementInput,
  TermsVersion,
} from '../../../shared/domain/buyback.js';
import { PaymentSession } from '../../../shared/domain/payment.js';
import type { Deps } from '../../../shared/domain/ports.js';
import { PhotoUploadRequest } from '../../../shared/domain/product.js';
import { settleBreach } from '../../../shared/domain/use-cases/buyback/closing.js';
import { acceptDelivery, recordDelivery, rejectDelivery, requestDeliveryPhoto } from '../../../shared/domain/use-cases/buyback/deliveries.js';
import { getGuarantee, listGuarantees } from '../../../shared/domain/use-cases/buyback/queries.js';
import { cancelSettlement, createSettlement, getSettlementPayment } from '../../../shared/domain/use-cases/buyback/settlements.js';
import { decideAmendment, decideOffer, offerGuarantee, proposeAmendment } from '../../../shared/domain/use-cases/buyback/terms.js';
import type { AppEnv } from '../env.js';
import { idempotent } from '../middleware/idempotency.js';
import { IdempotencyHeaders, bearer, errorResponses, json, jsonBody, writeErrorResponses } from '../schemas.js';

const GuaranteeParams = z.object({ guaranteeId: GuaranteeId });
const AmendmentParams = GuaranteeParams.extend({ version: z.coerce.number().int().min(2).max(9999) });
const DeliveryParams = GuaranteeParams.extend({ deliveryId: DeliveryId });
const SettlementParams = GuaranteeParams.extend({ settlementId: SettlementId });
/** A body that may be left out entirely (or sent as `{}`). */
const optionalBody = <T extends z.ZodType>(schema: T) => ({ content: json(schema), required: false });

/**
 * Buyback guarantees (保价回购): an organisation offers, the village's cooperative accepts; the cooperative records
 * deliveries, the organisation decides and pays them; organizers oversee, enter market prices and settle breaches.
 * Decisions (accept, decline, reject, settle) are naturally idempotent — deciding again the same way changes
 * nothing — so only the creates take an Idempotency-Key.
 */
export function buybackGuaranteeRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees',
      summary: 'Offer a village a buyback guarantee: product or category, window, floor price, committed and maximum quantity (leader)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { headers: IdempotencyHeaders, body: jsonBody(GuaranteeOffer) },
      responses: { 201: { description: 'Offered, awaiting the cooperative', content: json(GuaranteeDetail) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await offerGuarantee(deps, c.get('caller'), c.req.valid('json'), c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/buyback-guarantees',
      summary: "Guarantees with totals (organizers: all, filtered; a cooperative its village's; a leader its organisation's); status offered, declined, lapsed, active or closed",
      security: bearer,
      request: { query: GuaranteeQuery },
      responses: { 200: { description: 'The guarantees, newest first, and their totals', content: json(GuaranteeList) }, ...errorResponses },
    }),
    async (c) => c.json(await listGuarantees(deps, c.get('caller'), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/buyback-guarantees/{guaranteeId}',
      summary: 'One guarantee: current terms, terms history, deliveries with their pricing, settlements, summary and breach',
      security: bearer,
      request: { params: GuaranteeParams },
      responses: { 200: { description: 'The guarantee', content: json(GuaranteeDetail) }, ...errorResponses },
    }),
    async (c) => c.json(await getGuarantee(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/accept',
      summary: "Accept the offer: its terms become binding; 409 from 00:00 Asia/Shanghai after its window's last day, when it lapses (the village's cooperative)",
      security: bearer,
      request: { params: GuaranteeParams },
      responses: { 200: { description: 'The guarantee, active', content: json(GuaranteeDetail) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await decideOffer(deps, c.get('caller'), { ...c.req.valid('param'), decision: 'accept' }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/decline',
      summary: "Decline the offer, optionally saying why (the village's cooperative)",
      security: bearer,
      request: { params: GuaranteeParams, body: optionalBody(DecisionNote) },
      responses: { 200: { description: 'The guarantee, declined', content: json(GuaranteeDetail) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await decideOffer(deps, c.get('caller'), { ...c.req.valid('param'), decision: 'decline', reason: c.req.valid('json').reason }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/amendments',
      summary: 'Propose new terms as a new version; the other party accepts or declines (either party)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { params: GuaranteeParams, headers: IdempotencyHeaders, body: jsonBody(AmendmentInput) },
      responses: { 201: { description: 'Proposed', content: json(TermsVersion) }, ...writeErrorResponses },
    }),
    async (c) =>
      c.json(await proposeAmendment(deps, c.get('caller'), { ...c.req.valid('param'), amendment: c.req.valid('json') }, c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/amendments/{version}/accept',
      summary: 'Accept a proposed amendment: it becomes the terms in force (the party that did not propose it)',
      security: bearer,
      request: { params: AmendmentParams },
      responses: { 200: { description: 'The guarantee under its new terms', content: json(GuaranteeDetail) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await decideAmendment(deps, c.get('caller'), { ...c.req.valid('param'), decision: 'accept' }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/amendments/{version}/decline',
      summary: 'Decline a proposed amendment (the other party), or withdraw it (its proposer)',
      security: bearer,
      request: { params: AmendmentParams, body: optionalBody(DecisionNote) },
      responses: { 200: { description: 'The guarantee, terms unchanged', content: json(GuaranteeDetail) }, ...writeErrorResponses },
    }),
    async (c) =>
      c.json(await decideAmendment(deps, c.get('caller'), { ...c.req.valid('param'), decision: 'decline', reason: c.req.valid('json').reason }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/delivery-photos',
      summary: 'Get a presigned POST to upload one delivery photo (JPEG, PNG or WebP, at most 5 MB) (the cooperative)',
      security: bearer,
      request: { params: GuaranteeParams, body: jsonBody(PhotoUploadRequest) },
      responses: { 201: { description: 'Upload form', content: json(DeliveryPhotoUpload) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await requestDeliveryPhoto(deps, c.get('caller'), { ...c.req.valid('param'), upload: c.req.valid('json') }), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/deliveries',
      summary: 'Record a delivery: quantity, grade, date (inside the window, not in the future), note, photo (the cooperative)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { params: GuaranteeParams, headers: IdempotencyHeaders, body: jsonBody(DeliveryInput) },
      responses: { 201: { description: 'Recorded, awaiting the organisation', content: json(Delivery) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await recordDelivery(deps, c.get('caller'), { ...c.req.valid('param'), delivery: c.req.valid('json') }, c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/deliveries/{deliveryId}/accept',
      summary: 'Accept a delivery, priced at max(floor, market reference of its ISO week); 409 over_maximum past the maximum (the organisation)',
      security: bearer,
      request: { params: DeliveryParams },
      responses: { 200: { description: 'The delivery with its pricing', content: json(Delivery) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await acceptDelivery(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/deliveries/{deliveryId}/reject',
      summary: 'Reject a delivery with a reason (the organisation); it still counts as offered',
      security: bearer,
      request: { params: DeliveryParams, body: jsonBody(RejectionInput) },
      responses: { 200: { description: 'The delivery, rejected', content: json(Delivery) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await rejectDelivery(deps, c.get('caller'), { ...c.req.valid('param'), rejection: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/settlements',
      summary: 'Pay accepted deliveries: all owed (at most 40) or the listed ones; answers with the payment to complete (the organisation)',
      security: bearer,
      middleware: [idempotent(deps, 201)] as const,
      request: { params: GuaranteeParams, headers: IdempotencyHeaders, body: optionalBody(SettlementInput) },
      responses: { 201: { description: 'Settlement awaiting payment', content: json(PlacedSettlement) }, ...writeErrorResponses },
    }),
    async (c) =>
      c.json(await createSettlement(deps, c.get('caller'), { ...c.req.valid('param'), settlement: c.req.valid('json') }, c.get('idempotency')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/buyback-guarantees/{guaranteeId}/settlements/{settlementId}/payment',
      summary: 'The payment of an unpaid settlement, again (the organisation)',
      security: bearer,
      request: { params: SettlementParams },
      responses: { 200: { description: 'The payment to complete', content: json(PaymentSession) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await getSettlementPayment(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/settlements/{settlementId}/cancel',
      summary: 'Drop an unpaid settlement: its payment is cancelled and its deliveries are owed again (the organisation)',
      security: bearer,
      request: { params: SettlementParams },
      responses: { 200: { description: 'The settlement, failed', content: json(Settlement) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await cancelSettlement(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/buyback-guarantees/{guaranteeId}/breach/settle',
      summary: "Mark a closed guarantee's breach settled (organizer)",
      security: bearer,
      request: { params: GuaranteeParams },
      responses: { 200: { description: 'The guarantee, breach settled', content: json(GuaranteeDetail) }, ...writeErrorResponses },
    }),
    async (c) => c.json(await settleBreach(deps, c.get('caller'), c.req.valid('param')), 200),
  );

  return app;
}

/**
 * Shared set-up for the buyback tests: a village with its cooperative and a chicken product, the buying
 * organisation with its leader, bystanders of every role, and builders of valid requests.
 */
import type { Actor } from '../../../shared/domain/actor.js';
import { buyer, coopOf, leaderOf, organizer } from '../../support/fixtures.js';
import type { TestStack } from '../../support/test-stack.js';
import { listProduct, villageWithCoop, type ListedProduct, type SyncedStack } from '../orders/support.js';

type AnyStack = TestStack | SyncedStack;

export interface BuybackWorld {
  villageId: string;
  coop: Actor;
  product: ListedProduct;
  organizationId: string;
  leader: Actor;
  organizer: Actor;
  /** The cooperative of another village, a leader of another organisation, a buyer: none may see the guarantee. */
  otherCoop: Actor;
  otherLeader: Actor;
  buyer: Actor;
}

async function organization(stack: AnyStack, name: string): Promise<string> {
  const created = await stack.call('POST', '/api/organizations', { as: organizer(), body: { name, kind: 'social_organization', city: '成都市' } });
  if (created.status !== 201) throw new Error(`organisation not created: ${JSON.stringify(created.json)}`);
  return created.json.organizationId;
}

/** 土地坳村 with its chicken at ¥168.00, 成都市家禽产业协会 and its leader, and the bystanders. */
export async function buybackWorld(stack: AnyStack): Promise<BuybackWorld> {
  const village = await villageWithCoop(stack);
  const other = await villageWithCoop(stack, '双石村');
  const product = await listProduct(stack, village, { priceFen: 16_800 });
  const organizationId = await organization(stack, '成都市家禽产业协会');
  const otherOrganizationId = await organization(stack, '天府惠农供应链');
  return {
    villageId: village.villageId,
    coop: village.coop,
    product,
    organizationId,
    leader: { ...leaderOf(organizationId), displayName: '王强' },
    organizer: organizer(),
    otherCoop: coopOf(other.villageId),
    otherLeader: leaderOf(otherOrganizationId),
    buyer: buyer(),
  };
}

/** A valid offer: November 2026, floor ¥150.00, 100 committed, 120 at most, grades 一级/二级. */
export function offerBody(world: BuybackWorld, overrides: Record<string, unknown> = {}) {
  return {
    villageId: world.villageId,
    productId: world.product.productId,
    window: { start: '2026-11-01', end: '2026-11-30' },
    floorPriceFen: 15_000,
    committedQuantity: 100,
    maximumQuantity: 120,
    acceptedGrades: ['一级', '二级'],
    deliveryPlace: '简阳市禾丰镇收购点',
    ...overrides,
  };
}

/** Offers a guarantee and has the cooperative accept it; answers its id. */
export async function activeGuarantee(stack: AnyStack, world: BuybackWorld, overrides: Record<string, unknown> = {}): Promise<string> {
  const offered = await stack.call('POST', '/api/buyback-guarantees', { as: world.leader, body: offerBody(world, overrides) });
  if (offered.status !== 201) throw new Error(`offer refused: ${JSON.stringify(offered.json)}`);
  const accepted = await stack.call('POST', `/api/buyback-guarantees/${offered.json.guaranteeId}/accept`, { as: world.coop });
  if (accepted.status !== 200) throw new Error(`acceptance refused: ${JSON.stringify(accepted.json)}`);
  return offered.json.guaranteeId;
}

export function deliveryBody(overrides: Record<string, unknown> = {}) {
  return { quantity: 10, grade: '一级', deliveredOn: '2026-11-16', note: '第一批', ...overrides };
}

/** Records a delivery as the cooperative; answers it. */
export async function delivered(stack: AnyStack, world: BuybackWorld, guaranteeId: string, overrides: Record<string, unknown> = {}) {
  const recorded = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/deliveries`, { as: world.coop, body: deliveryBody(overrides) });
  if (recorded.status !== 201) throw new Error(`delivery refused: ${JSON.stringify(recorded.json)}`);
  return recorded.json;
}

/** Records a delivery and has the organisation accept it; answers the accepted delivery. */
export async function acceptedDelivery(stack: AnyStack, world: BuybackWorld, guaranteeId: string, overrides: Record<string, unknown> = {}) {
  const delivery = await delivered(stack, world, guaranteeId, overrides);
  const accepted = await stack.call('POST', `/api/buyback-guarantees/${guaranteeId}/deliveries/${delivery.deliveryId}/accept`, { as: world.leader });
  if (accepted.status !== 200) throw new Error(`acceptance refused: ${JSON.stringify(accepted.json)}`);
  return accepted.json;
}

export async function detail(stack: AnyStack, as: Actor, guaranteeId: string) {
  return (await stack.call('GET', `/api/buyback-guarantees/${guaranteeId}`, { as })).json;
}

import type { Actor } from '../../shared/domain/actor.js';
import type { ProductInput } from '../../shared/domain/product.js';
import type { VillageInput } from '../../shared/domain/village.js';
import { ulidIds } from '../../shared/runtime/ids.js';

const ids = ulidIds();

export const organizer = (): Actor => ({ role: 'organizer', accountId: ids.next('account'), displayName: '协调办' });
export const buyer = (): Actor => ({ role: 'buyer', accountId: ids.next('account'), displayName: '王芳' });
export const coopOf = (villageId: string): Actor => ({ role: 'coop', accountId: ids.next('account'), displayName: '合作社', villageId });
export const leaderOf = (organizationId: string): Actor => ({
  role: 'leader',
  accountId: ids.next('account'),
  displayName: '张敏',
  organizationId,
});

export function villageInput(overrides: Partial<VillageInput> = {}): VillageInput {
  return {
    name: '土地坳村',
    nameEn: 'Tudiao Village',
    province: '四川省',
    city: '成都市',
    county: '简阳市',
    township: '禾丰镇',
    story: '土鸡林下生态养殖示范村。',
    households: 420,
    povertyHouseholds: 96,
    population: 1380,
    baseline: { year: 2025, salesFen: 120_000_000, perCapitaIncomeFen: 1_100_000 },
    ...overrides,
  };
}

export function productInput(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    name: '土鸡',
    nameEn: 'Free-range chicken',
    category: 'poultry',
    unit: '只',
    priceFen: 16_800,
    stock: 50,
    harvestWindow: null,
    description: '林下散养一年以上。',
    ...overrides,
  };
}

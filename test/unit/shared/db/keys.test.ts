import { describe, expect, it } from 'vitest';
import {
  idempotencyKey,
  listingKey,
  listingPartition,
  listingPriceSortKey,
  listingScopesOf,
  productKey,
  stockAdjustmentKey,
  villageKey,
  villageTargetsKey,
  villagesIndexKey,
  villagesOfCountyPrefix,
} from '../../../../shared/db/keys.js';
import { MAX_FEN } from '../../../../shared/domain/money.js';

const VILLAGE = 'vil_01JA0000000000000000000001';
const PRODUCT = 'prd_01JA0000000000000000000001';

describe('listing keys', () => {
  it('puts an active product in six distinct listing partitions, one per filter combination', () => {
    // Prepare
    const product = { villageId: VILLAGE, county: '简阳市', category: 'fruit' as const };
    // Act
    const partitions = listingScopesOf(product).map(listingPartition);
    // Assess
    const county = encodeURIComponent('简阳市');
    expect(partitions).toEqual([
      'LISTING#all',
      `LISTING#v/${VILLAGE}`,
      `LISTING#c/${county}`,
      'LISTING#k/fruit',
      `LISTING#v/${VILLAGE}/k/fruit`,
      `LISTING#c/${county}/k/fruit`,
    ]);
    expect(new Set(partitions).size).toBe(6);
  });

  it('answers a query that names both village and county from the village partition', () => {
    // Prepare / Act / Assess
    expect(listingPartition({ villageId: VILLAGE, county: '简阳市' })).toBe(`LISTING#v/${VILLAGE}`);
    expect(listingKey({}, PRODUCT)).toEqual({ PK: 'LISTING#all', SK: PRODUCT });
  });

  it('zero-pads prices so that string order is numeric order, then orders equal prices by id', () => {
    // Prepare
    const prices = [999_999_999, 5, MAX_FEN, 50, 1, 1_000, 49, 100_000];
    // Act
    const byString = prices.map((p) => ({ p, key: listingPriceSortKey(p, PRODUCT).LSI1SK })).sort((a, b) => (a.key < b.key ? -1 : 1));
    const older = listingPriceSortKey(50, 'prd_01JA0000000000000000000001').LSI1SK;
    const newer = listingPriceSortKey(50, 'prd_01JA0000000000000000000002').LSI1SK;
    // Assess
    expect(byString.map((x) => x.p)).toEqual([...prices].sort((a, b) => a - b));
    expect(listingPriceSortKey(5, PRODUCT).LSI1SK).toBe(`0000000005#${PRODUCT}`);
    expect(older < newer).toBe(true);
    expect(newer < listingPriceSortKey(51, 'prd_01JA0000000000000000000000').LSI1SK).toBe(true);
  });

  it('encodes a county holding # or / so it cannot collide with another scope or county', () => {
    // Prepare
    const tricky = ['简阳市/k/fruit', 'a#b', 'a/b', 'all', 'a%2Fb'];
    // Act
    const partitions = [
      ...tricky.map((county) => listingPartition({ county })),
      listingPartition({ county: '简阳市', category: 'fruit' }),
      listingPartition({ county: 'a' }),
      listingPartition({}),
    ];
    // Assess
    expect(new Set(partitions).size).toBe(partitions.length);
    expect(listingPartition({ county: '简阳市/k/fruit' })).not.toContain('/k/fruit');
    expect(listingPartition({ county: 'a#b' })).toBe('LISTING#c/a%23b');
    expect(decodeURIComponent(listingPartition({ county: 'a%2Fb' }).slice('LISTING#c/'.length))).toBe('a%2Fb');
  });
});

describe('village keys', () => {
  it('keeps one county’s prefix from matching a county that extends it', () => {
    // Prepare
    const prefix = villagesOfCountyPrefix('简阳市');
    // Act
    const own = villagesIndexKey('简阳市', VILLAGE).GSI1SK;
    const others = ['简阳市#X', '简阳市/Y', '简阳市县', '简阳'].map((county) => villagesIndexKey(county, VILLAGE).GSI1SK);
    // Assess
    expect(own.startsWith(prefix)).toBe(true);
    expect(others.filter((sk) => sk.startsWith(prefix))).toEqual([]);
    expect(villagesIndexKey('简阳市', VILLAGE).GSI1PK).toBe('VILLAGES');
  });

  it('keeps village, targets, product and adjustment items apart', () => {
    // Prepare / Act / Assess
    expect(villageKey(VILLAGE)).toEqual({ PK: `VILLAGE#${VILLAGE}`, SK: '#VILLAGE' });
    expect(villageTargetsKey(VILLAGE, 2026)).toEqual({ PK: `VILLAGE#${VILLAGE}`, SK: 'TARGETS#2026' });
    expect(productKey(PRODUCT)).toEqual({ PK: `PRODUCT#${PRODUCT}`, SK: '#PRODUCT' });
    expect(stockAdjustmentKey(PRODUCT, 'adj_1').PK).toBe(productKey(PRODUCT).PK);
    expect(stockAdjustmentKey(PRODUCT, 'adj_1').SK).not.toBe(productKey(PRODUCT).SK);
  });
});

describe('idempotency keys', () => {
  it('encodes the client’s key so that actor and key cannot be shifted across the separator', () => {
    // Prepare / Act
    const a = idempotencyKey('acc_1', 'x#y');
    const b = idempotencyKey('acc_1#x', 'y');
    // Assess
    expect(a.PK).toBe('IDEMPOTENCY#acc_1#x%23y');
    expect(a.PK).not.toBe(b.PK);
  });
});

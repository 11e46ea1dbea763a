import { describe, expect, it } from 'vitest';
import type { Actor } from '../../api';
import type { Delivery } from '../../api/buyback';
import { deliveryDays, newestFirst, parseGrades, quantityScale, settlementPayPage, sideOf } from './guarantee';
import { checkTerms, termsValuesOf, type TermsValues } from './terms';

const g = { villageId: 'vil_A', organizationId: 'org_B' };
const coop = (villageId: string): Actor => ({ role: 'coop', accountId: 'acc_1', displayName: 'c', villageId });
const leader = (organizationId: string): Actor => ({ role: 'leader', accountId: 'acc_2', displayName: 'l', organizationId });

describe('sideOf', () => {
  it('knows the village, the buyer and the overseer, and nobody else', () => {
    expect(sideOf(coop('vil_A'), g)).toBe('village');
    expect(sideOf(leader('org_B'), g)).toBe('buyer');
    expect(sideOf({ role: 'organizer', accountId: 'acc_3', displayName: 'o' }, g)).toBe('organizer');
    expect(sideOf(coop('vil_X'), g)).toBeNull();
    expect(sideOf(null, g)).toBeNull();
  });
});

describe('parseGrades', () => {
  it('splits on Chinese and Western separators and keeps each grade once', () => {
    expect(parseGrades('一级、二级，特大果, 一级')).toEqual(['一级', '二级', '特大果']);
    expect(parseGrades('Grade A\nGrade B')).toEqual(['Grade A', 'Grade B']);
    expect(parseGrades(' 、 ')).toEqual([]);
  });
});

describe('deliveryDays', () => {
  it('runs from the window start to today or the window end, whichever is first', () => {
    expect(deliveryDays({ start: '2026-11-01', end: '2026-12-31' }, '2026-11-22')).toEqual({ min: '2026-11-01', max: '2026-11-22' });
    expect(deliveryDays({ start: '2026-09-01', end: '2026-10-31' }, '2026-11-22')).toEqual({ min: '2026-09-01', max: '2026-10-31' });
    expect(deliveryDays({ start: '2026-12-01', end: '2026-12-31' }, '2026-11-22')).toBeNull();
  });
});

describe('newestFirst', () => {
  it('orders by the day handed over, then by when recorded', () => {
    const d = (deliveryId: string, deliveredOn: string, recordedAt: string) => ({ deliveryId, deliveredOn, recordedAt }) as Delivery;
    const sorted = newestFirst([d('a', '2026-11-01', '2026-11-01T01:00:00Z'), d('b', '2026-11-02', '2026-11-02T01:00:00Z'), d('c', '2026-11-02', '2026-11-02T05:00:00Z')]);
    expect(sorted.map((x) => x.deliveryId)).toEqual(['c', 'b', 'a']);
  });
});

describe('settlementPayPage', () => {
  it('follows the simulator’s pay page as the API gave it, and nothing unsafe', () => {
    expect(settlementPayPage({ provider: 'simulator', payUrl: '/pay/pi_sim_1?returnTo=%2Fbuyback%2Fbbg_1' })).toBe('/pay/pi_sim_1?returnTo=%2Fbuyback%2Fbbg_1');
    expect(settlementPayPage({ provider: 'simulator', payUrl: 'javascript:alert(1)' })).toBeNull();
    expect(settlementPayPage({ provider: 'simulator', payUrl: '//evil.example/pay' })).toBeNull();
    expect(settlementPayPage({ provider: 'stripe', payUrl: null })).toBeNull();
  });
});

describe('quantityScale', () => {
  it('draws every figure on the scale of the largest of committed, maximum and offered', () => {
    const scale = quantityScale({ committedQuantity: 3000, maximumQuantity: 3600, offeredQuantity: 1890 });
    expect(scale(3600)).toBe(10_000);
    expect(scale(1800)).toBe(5000);
    expect(scale(-5)).toBe(0);
  });
});

describe('checkTerms', () => {
  const valid: TermsValues = { start: '2026-11-22', end: '2027-01-31', floor: '150', committed: '3000', maximum: '3600', grades: '一级、二级', place: '禾丰镇收购点' };

  it('turns typed terms into the API’s, in fen and whole quantities', () => {
    expect(checkTerms(valid, '2026-11-22')).toEqual({
      errors: {},
      terms: {
        window: { start: '2026-11-22', end: '2027-01-31' },
        floorPriceFen: 15_000,
        committedQuantity: 3000,
        maximumQuantity: 3600,
        acceptedGrades: ['一级', '二级'],
        deliveryPlace: '禾丰镇收购点',
      },
    });
    expect(checkTerms({ ...valid, maximum: '' }, '2026-11-22').terms?.maximumQuantity).toBeNull();
  });

  it('marks each field that the API would refuse', () => {
    const { terms, errors } = checkTerms({ start: '2026-02-30', end: '2026-11-01', floor: '0', committed: '1.5', maximum: '10', grades: '', place: ' ' }, '2026-11-22');
    expect(terms).toBeUndefined();
    expect(errors).toEqual({
      start: 'bb.form.dayInvalid',
      end: 'bb.form.endPast',
      floor: 'form.priceInvalid',
      committed: 'form.countInvalid',
      grades: 'form.requiredField',
      place: 'form.requiredField',
    });
    expect(checkTerms({ ...valid, maximum: '100' }, '2026-11-22').errors).toEqual({ maximum: 'bb.form.maxBelowCommitted' });
    expect(checkTerms({ ...valid, end: '2026-11-01' }, '2026-10-01').errors).toEqual({ end: 'bb.form.endBeforeStart' });
  });

  it('round-trips the terms in force into the form', () => {
    const { terms } = checkTerms(valid, '2026-11-22');
    expect(termsValuesOf(terms!)).toEqual({ ...valid, floor: '150.00' });
  });
});

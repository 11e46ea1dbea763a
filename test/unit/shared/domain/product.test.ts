import { describe, expect, it } from 'vitest';
import { HarvestWindow, MonthDay, ProductInput, ProductPatch } from '../../../../shared/domain/product.js';
import { productInput } from '../../../support/fixtures.js';

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code }));

describe('MonthDay', () => {
  it('accepts real calendar days, 02-29 included', () => {
    // Prepare / Act / Assess
    for (const day of ['01-01', '01-31', '02-29', '04-30', '12-31']) expect(MonthDay.safeParse(day).success, day).toBe(true);
  });

  it('rejects impossible days and other formats', () => {
    // Prepare / Act / Assess
    for (const day of ['02-30', '04-31', '13-01', '00-10', '01-00', '1-01', '01-1', '2026-01-01', '01/01', '', 'ab-cd']) {
      expect(MonthDay.safeParse(day).success, day).toBe(false);
    }
  });
});

describe('HarvestWindow', () => {
  it('accepts a window, wrapping or not, and rejects unknown fields and bad days', () => {
    // Prepare / Act / Assess
    expect(HarvestWindow.parse({ start: '11-15', end: '02-28' })).toEqual({ start: '11-15', end: '02-28' });
    expect(issuesOf(HarvestWindow.safeParse({ start: '11-15', end: '02-28', year: 2026 }))).toEqual([{ path: '', code: 'unrecognized_keys' }]);
    expect(issuesOf(HarvestWindow.safeParse({ start: '02-30', end: '03-01' }))).toEqual([{ path: 'start', code: 'custom' }]);
    expect(HarvestWindow.safeParse({ start: '11-15' }).success).toBe(false);
  });
});

describe('ProductInput', () => {
  it('accepts a valid product and fills the defaults', () => {
    // Prepare
    const { harvestWindow: _omit, description: _d, ...minimal } = productInput();
    // Act
    const parsed = ProductInput.parse(minimal);
    // Assess
    expect(parsed).toMatchObject({ harvestWindow: null, description: '', farmerShareBps: 10_000, priceFen: 16_800 });
  });

  it('rejects a negative, zero or fractional price, an unknown field and a bad harvest day', () => {
    // Prepare / Act / Assess
    expect(new Set(issuesOf(ProductInput.safeParse(productInput({ priceFen: -100 }))).map((i) => `${i.path}:${i.code}`))).toEqual(new Set(['priceFen:too_small']));
    expect(issuesOf(ProductInput.safeParse(productInput({ priceFen: 0 })))).toEqual([{ path: 'priceFen', code: 'too_small' }]);
    expect(issuesOf(ProductInput.safeParse(productInput({ priceFen: 1.5 })))).toEqual([{ path: 'priceFen', code: 'invalid_type' }]);
    expect(issuesOf(ProductInput.safeParse(productInput({ priceFen: 1_000_000_001 })))).toEqual([{ path: 'priceFen', code: 'too_big' }]);
    expect(issuesOf(ProductInput.safeParse({ ...productInput(), villageId: 'vil_x' }))).toEqual([{ path: '', code: 'unrecognized_keys' }]);
    expect(issuesOf(ProductInput.safeParse(productInput({ harvestWindow: { start: '02-30', end: '03-01' } })))).toEqual([
      { path: 'harvestWindow.start', code: 'custom' },
    ]);
    expect(ProductInput.safeParse(productInput({ stock: -1 })).success).toBe(false);
    expect(ProductInput.safeParse(productInput({ farmerShareBps: 10_001 })).success).toBe(false);
  });
});

describe('ProductPatch', () => {
  it('rejects an empty patch', () => {
    // Prepare / Act
    const result = ProductPatch.safeParse({});
    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('send at least one field to change');
  });

  it('keeps only the fields sent: no defaults are filled into a partial patch', () => {
    // Prepare / Act
    const patch = ProductPatch.parse({ name: '新名字' });
    // Assess: a defaulted harvestWindow/description/farmerShareBps here would silently overwrite stored values.
    expect(patch).toEqual({ name: '新名字' });
  });

  it('accepts status and photo keys, and rejects stock, unknown fields and bad values', () => {
    // Prepare / Act / Assess
    expect(ProductPatch.safeParse({ status: 'withdrawn' }).success).toBe(true);
    expect(ProductPatch.safeParse({ harvestWindow: null }).success).toBe(true);
    expect(issuesOf(ProductPatch.safeParse({ stock: 5 }))).toContainEqual({ path: '', code: 'unrecognized_keys' });
    expect(issuesOf(ProductPatch.safeParse({ name: 'x', colour: 'red' }))).toContainEqual({ path: '', code: 'unrecognized_keys' });
    expect(ProductPatch.safeParse({ priceFen: -1 }).success).toBe(false);
    expect(ProductPatch.safeParse({ priceFen: 1.5 }).success).toBe(false);
    expect(ProductPatch.safeParse({ status: 'deleted' }).success).toBe(false);
    expect(ProductPatch.safeParse({ photoKeys: ['products/prd_x/pho_y.gif'] }).success).toBe(false);
  });
});

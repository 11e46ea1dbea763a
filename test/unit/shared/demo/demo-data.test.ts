import { describe, expect, it } from 'vitest';
import { demoAccounts, demoOrganizations, demoVillages } from '../../../../shared/demo/demo-data.js';
import { Role } from '../../../../shared/domain/actor.js';
import { OrganizationInput } from '../../../../shared/domain/organization.js';
import { ProductInput } from '../../../../shared/domain/product.js';
import { isInSeason } from '../../../../shared/domain/season.js';
import { VillageInput, VillageTargetsInput, villageRuleViolation } from '../../../../shared/domain/village.js';

const allProducts = demoVillages.flatMap((v) => v.products.map((p) => ({ villageRef: v.ref, ...p })));
const villageRefs = new Set(demoVillages.map((v) => v.ref));
const organizationRefs = new Set(demoOrganizations.map((o) => o.ref));

function villageNamed(county: string, township: string, name: string) {
  return demoVillages.find((v) => v.input.county === county && v.input.township === township && v.input.name === name);
}

describe('demo data', () => {
  it('has valid village inputs and targets', () => {
    for (const v of demoVillages) {
      const parsed = VillageInput.parse(v.input);
      expect(villageRuleViolation(parsed), v.ref).toBeUndefined();
      expect(parsed.baseline.year).toBe(2025);
      VillageTargetsInput.parse({
        perCapitaIncomeIncreaseFen: v.targets.perCapitaIncomeIncreaseFen,
        salesGrowthBps: v.targets.salesGrowthBps,
      });
      expect(v.targets.year).toBe(2026);
      expect(parsed.population / parsed.households, v.ref).toBeGreaterThanOrEqual(2.8);
      expect(parsed.population / parsed.households, v.ref).toBeLessThanOrEqual(3.7);
    }
  });

  it('has valid product inputs, at least two per village', () => {
    for (const v of demoVillages) expect(v.products.length, v.ref).toBeGreaterThanOrEqual(2);
    for (const p of allProducts) ProductInput.parse(p.input);
    expect(allProducts.length).toBeGreaterThanOrEqual(40);
  });

  it('has valid organisation inputs', () => {
    for (const o of demoOrganizations) OrganizationInput.parse(o.input);
  });

  it('uses unique refs across villages, products, organisations and accounts', () => {
    const refs = [
      ...demoVillages.map((v) => v.ref),
      ...allProducts.map((p) => p.ref),
      ...demoOrganizations.map((o) => o.ref),
      ...demoAccounts.map((a) => a.ref),
    ];
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('resolves every village and organisation reference', () => {
    for (const o of demoOrganizations) {
      expect(o.pairedVillageRefs.length, o.ref).toBeGreaterThan(0);
      for (const ref of o.pairedVillageRefs) expect(villageRefs.has(ref), `${o.ref} → ${ref}`).toBe(true);
    }
    for (const a of demoAccounts) {
      if (a.villageRef !== undefined) expect(villageRefs.has(a.villageRef), `${a.ref} → ${a.villageRef}`).toBe(true);
      if (a.organizationRef !== undefined) {
        expect(organizationRefs.has(a.organizationRef), `${a.ref} → ${a.organizationRef}`).toBe(true);
      }
    }
  });

  it('includes 土地坳村 with 土鸡 and 脆红李', () => {
    const tudiao = villageNamed('简阳市', '禾丰镇', '土地坳村');
    expect(tudiao).toBeDefined();
    const names = tudiao?.products.map((p) => p.input.name) ?? [];
    expect(names.some((n) => n.includes('土鸡'))).toBe(true);
    expect(names).toContain('脆红李');
  });

  it('has ten 简阳 pilot villages, each paired with its own 成都 community', () => {
    const pilots = demoVillages.filter((v) => v.input.county === '简阳市');
    expect(pilots).toHaveLength(10);
    const communities = demoOrganizations.filter((o) => o.input.kind === 'community');
    expect(communities).toHaveLength(10);
    const paired = communities.flatMap((c) => c.pairedVillageRefs);
    expect(new Set(paired)).toEqual(new Set(pilots.map((v) => v.ref)));
    const poultry = demoOrganizations.find((o) => o.input.name === '成都市家禽产业协会');
    expect(new Set(poultry?.pairedVillageRefs)).toEqual(new Set(pilots.map((v) => v.ref)));
  });

  it('includes the six 清水县 villages of the pairing plan', () => {
    const expected: Array<[string, string]> = [
      ['山门镇', '高桥村'],
      ['白驼镇', '梨湾村'],
      ['山门镇', '史沟村'],
      ['山门镇', '腰套村'],
      ['秦亭镇', '麦池村'],
      ['贾川乡', '梅江村'],
    ];
    for (const [township, name] of expected) {
      const v = villageNamed('清水县', township, name);
      expect(v, `${township}${name}`).toBeDefined();
      expect(v?.input.province).toBe('甘肃省');
      expect(v?.input.city).toBe('天水市');
    }
    const bee = demoOrganizations.find((o) => o.input.name === '清水县蜜蜂产业协会');
    expect(bee?.pairedVillageRefs).toEqual([villageNamed('清水县', '贾川乡', '梅江村')?.ref]);
  });

  it('includes the four named 利州区 villages, 宋家村 with 45 poor households', () => {
    for (const [township, name] of [
      ['宝轮镇', '宋家村'],
      ['龙潭乡', '曙光村'],
      ['荣山镇', '峰岩村'],
      ['荣山镇', '太山村'],
    ] as const) {
      expect(villageNamed('利州区', township, name), `${township}${name}`).toBeDefined();
    }
    expect(villageNamed('利州区', '宝轮镇', '宋家村')?.input.povertyHouseholds).toBe(45);
  });

  it('has an account for every role, with the binding each role needs', () => {
    for (const role of Role.options) expect(demoAccounts.some((a) => a.role === role), role).toBe(true);
    for (const a of demoAccounts) {
      if (a.role === 'coop') expect(a.villageRef, a.ref).toBeDefined();
      if (a.role === 'leader') expect(a.organizationRef, a.ref).toBeDefined();
    }
  });

  it('gives every village exactly one coop', () => {
    const coops = demoAccounts.filter((a) => a.role === 'coop');
    for (const c of coops) expect(villageRefs.has(c.villageRef ?? ''), c.ref).toBe(true);
    for (const v of demoVillages) {
      expect(coops.filter((c) => c.villageRef === v.ref), v.ref).toHaveLength(1);
    }
  });

  it('keeps every amount an integer number of fen', () => {
    const amounts = [
      ...demoVillages.flatMap((v) => [
        v.input.baseline.salesFen,
        v.input.baseline.perCapitaIncomeFen,
        v.targets.perCapitaIncomeIncreaseFen,
        v.targets.salesGrowthBps,
      ]),
      ...allProducts.map((p) => p.input.priceFen),
    ];
    for (const amount of amounts) expect(Number.isInteger(amount), String(amount)).toBe(true);
  });

  it('has harvest windows that wrap the year, and a late-November mix of in and out of season', () => {
    const windows = allProducts.map((p) => ProductInput.parse(p.input).harvestWindow);
    expect(windows.some((w) => w !== null && w.start > w.end)).toBe(true);
    const inSeason = windows.filter((w) => isInSeason(w, '11-25'));
    const seasonalInSeason = windows.filter((w) => w !== null && isInSeason(w, '11-25'));
    expect(seasonalInSeason.length).toBeGreaterThan(0);
    expect(inSeason.length).toBeLessThan(windows.length);
  });
});

import { describe, expect, it } from 'vitest';
import type { Organization } from '../../../shared/domain/organization.js';
import { allPages, freshTable, makeAccount, makeOrganization } from './db-fixtures.js';

describe('organisations and accounts in DynamoDB', () => {
  it('O1: gets an organisation by id exactly as created, and nothing for an unknown id', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const organization = { ...makeOrganization(ids, 'community', '玉林社区'), nameEn: 'Yulin Community' };
    await repos.organizations.create(organization);
    await repos.organizations.create(makeOrganization(ids, 'enterprise', '某企业'));
    // Act
    const found = await repos.organizations.get(organization.organizationId);
    const missing = await repos.organizations.get(ids.next('organization'));
    const duplicate = await repos.organizations.create(organization).catch((e: unknown) => e);
    // Assess
    expect(found).toEqual(organization);
    expect(missing).toBeUndefined();
    expect(duplicate).toBeInstanceOf(Error);
    expect((await repos.organizations.get(organization.organizationId))?.name).toBe('玉林社区');
  });

  it('O2: lists organisations of one kind only, in creation order, across pages with a cursor', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const communities: Organization[] = [];
    for (let i = 0; i < 5; i++) {
      const community = makeOrganization(ids, 'community', `社区${i}`);
      communities.push(community);
      await repos.organizations.create(community);
      await repos.organizations.create(makeOrganization(ids, i % 2 ? 'enterprise' : 'social_organization', `其他${i}`));
    }
    // Act
    const { pages, last } = await allPages((cursor) => repos.organizations.list({ kind: 'community', limit: 2, cursor }), (o) => o.organizationId);
    const firstPage = await repos.organizations.list({ kind: 'community', limit: 2 });
    const enterprises = await repos.organizations.list({ kind: 'enterprise', limit: 10 });
    const everything = await allPages((cursor) => repos.organizations.list({ limit: 3, cursor }), (o) => o.organizationId);
    // Assess
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(communities.map((o) => o.organizationId));
    expect(last).toBeNull();
    expect(firstPage.items).toEqual(communities.slice(0, 2));
    expect(enterprises.items.map((o) => o.name)).toEqual(['其他1', '其他3']);
    expect(everything.pages.flat()).toHaveLength(10);
    expect(new Set(everything.pages.flat()).size).toBe(10);
    // GSI1SK is kind#id, so kinds come in alphabetical order: community, enterprise, social_organization.
    expect(everything.pages.flat().slice(0, 5)).toEqual(communities.map((o) => o.organizationId));
  });

  it('A1: gets an account by id with its binding, and nothing for an unknown id', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const villageId = ids.next('village');
    const coop = makeAccount(ids, 'coop', '合作社', { villageId, displayNameEn: 'Cooperative' });
    const buyer = makeAccount(ids, 'buyer', '王芳');
    await repos.accounts.create(coop);
    await repos.accounts.create(buyer);
    // Act
    const found = await repos.accounts.get(coop.accountId);
    const missing = await repos.accounts.get(ids.next('account'));
    const duplicate = await repos.accounts.create({ ...coop, displayName: '冒名' }).catch((e: unknown) => e);
    // Assess
    expect(found).toEqual(coop);
    expect(await repos.accounts.get(buyer.accountId)).toEqual(buyer);
    expect(missing).toBeUndefined();
    expect(duplicate).toBeInstanceOf(Error);
    expect((await repos.accounts.get(coop.accountId))?.displayName).toBe('合作社');
  });

  it('A2: lists every account, grouped by role then id', async () => {
    // Prepare
    const { repos, ids } = await freshTable();
    const organizer = makeAccount(ids, 'organizer', '协调办');
    const buyer1 = makeAccount(ids, 'buyer', '王芳');
    const leader = makeAccount(ids, 'leader', '张敏', { organizationId: ids.next('organization') });
    const coop = makeAccount(ids, 'coop', '合作社', { villageId: ids.next('village') });
    const buyer2 = makeAccount(ids, 'buyer', '李娜');
    for (const account of [organizer, buyer1, leader, coop, buyer2]) await repos.accounts.create(account);
    // Act
    const listed = await repos.accounts.list();
    // Assess
    expect(listed).toEqual([buyer1, buyer2, coop, leader, organizer]);
  });
});

import type { OrganizationKind } from '../../../../shared/domain/organization.js';
import type { ProductCategory } from '../../../../shared/domain/product.js';
import type { ProjectionBasis, YoyStatus } from '../../../../shared/domain/reports.js';
import type { SaleChannel } from '../../../../shared/domain/sale.js';
import type { WeeklyReportStatus } from '../../../../shared/domain/weekly-report.js';
import { categoryKey, type MessageKey, type Translate } from '../../i18n';

/** What each `yoyStatus` means, in words: a rate is never shown where the API gave none. */
export const YOY_KEY: Record<YoyStatus, MessageKey> = {
  rate: 'impact.rep.yoy.rate',
  new: 'impact.rep.yoy.new',
  none: 'impact.rep.yoy.none',
  not_comparable: 'impact.rep.yoy.notComparable',
  pending: 'impact.rep.yoy.pending',
};

export const PROJECTION_KEY: Record<ProjectionBasis, MessageKey> = {
  actual: 'impact.rep.projection.actual',
  last_year_shape: 'impact.rep.projection.lastYearShape',
  linear: 'impact.rep.projection.linear',
  none: 'impact.rep.projection.none',
};

export const WEEKLY_STATUS_KEY: Record<WeeklyReportStatus, MessageKey> = {
  submitted: 'impact.weekly.status.submitted',
  late: 'impact.weekly.status.late',
  missing: 'impact.weekly.status.missing',
  due: 'impact.weekly.status.due',
};

export const ORG_KIND_KEY: Record<OrganizationKind, MessageKey> = {
  community: 'impact.pair.kind.community',
  social_organization: 'impact.pair.kind.social_organization',
  enterprise: 'impact.pair.kind.enterprise',
  public_unit: 'impact.pair.kind.public_unit',
};

const CHANNEL_KEY: Record<SaleChannel, MessageKey> = {
  order: 'impact.rep.channel.order',
  group_buy: 'impact.rep.channel.group_buy',
  buyback: 'impact.rep.channel.buyback',
  offline: 'impact.rep.channel.offline',
};

/** A sales channel's name; a channel this build does not know yet shows as the API names it. */
export const channelLabel = (channel: string, t: Translate): string =>
  channel in CHANNEL_KEY ? t(CHANNEL_KEY[channel as SaleChannel]) : channel;

const CATEGORIES = new Set(['poultry', 'livestock', 'aquatic', 'fruit', 'vegetable', 'fungi', 'nuts', 'grain_oil', 'honey', 'tea', 'processed', 'other']);

/** A product category's name, or the key itself if this build does not know it. */
export const categoryLabel = (category: string, t: Translate): string =>
  CATEGORIES.has(category) ? t(categoryKey(category as ProductCategory)) : category;

export const ALL_CATEGORIES = [...CATEGORIES] as ProductCategory[];

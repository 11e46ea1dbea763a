/**
 * Messages of the cooperative's sales ledger and the organisation's pages (pledge, pairings, weekly reports),
 * merged into the app's dictionaries by i18n.ts. Chinese is the source; English must translate every key.
 */
export const salesZh = {
  'nav.sales': '销售台账',
  'nav.organization': '我的单位',
};

export const salesEn: Record<keyof typeof salesZh, string> = {
  'nav.sales': 'Sales ledger',
  'nav.organization': 'Our organisation',
};

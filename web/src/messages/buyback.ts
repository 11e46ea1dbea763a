/**
 * Messages of the buyback pages, merged into the app's dictionaries by i18n.ts. Chinese is the source: the English
 * dictionary must translate every key (a type error otherwise).
 */
export const buybackZh = {
  'nav.buyback': '保价回购',
};

export const buybackEn: Record<keyof typeof buybackZh, string> = {
  'nav.buyback': 'Buyback guarantees',
};

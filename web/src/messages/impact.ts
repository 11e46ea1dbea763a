/**
 * Messages of the impact pages, merged into the app's dictionaries by i18n.ts. Chinese is the source: the English
 * dictionary must translate every key (a type error otherwise).
 */
export const impactZh = {
  'nav.impact': '报表看板',
  'nav.rankings': '月度排名',
  'nav.pairings': '结对帮扶',
  'nav.villageProgress': '本村进展',
};

export const impactEn: Record<keyof typeof impactZh, string> = {
  'nav.impact': 'Dashboard',
  'nav.rankings': 'Rankings',
  'nav.pairings': 'Pairings',
  'nav.villageProgress': 'Our progress',
};

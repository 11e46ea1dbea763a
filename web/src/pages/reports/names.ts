import { api, type Organization, type Village } from '../../api';
import { everyPage } from '../../api/reports';
import { useAsync } from '../../hooks';
import { localized, useI18n } from '../../i18n';
import { allVillages } from '../../villages';

/** Every organisation, fetched once per visit (the programme has tens): names and English names for reports. */
let organizations: Promise<Organization[]> | undefined;
export function allOrganizations(): Promise<Organization[]> {
  organizations ??= everyPage((cursor) => api.organizations({ limit: 100, cursor })).catch((err: unknown) => {
    organizations = undefined;
    throw err;
  });
  return organizations;
}

export interface Names {
  village(id: string, fallback?: string): string;
  organization(id: string, fallback?: string): string;
  villages: Village[];
  organizations: Organization[];
}

/**
 * Names of villages and organisations in the current language. Reports carry the Chinese name only; the
 * directories carry the English one too. Until they load (or if they fail), the report's own name shows.
 */
export function useNames(): Names {
  const { lang } = useI18n();
  const villages = useAsync(() => allVillages(), []).data ?? [];
  const orgs = useAsync(() => allOrganizations(), []).data ?? [];
  return {
    village: (id, fallback) => {
      const v = villages.find((x) => x.villageId === id);
      return v ? localized(lang, v.name, v.nameEn) : (fallback ?? id);
    },
    organization: (id, fallback) => {
      const o = orgs.find((x) => x.organizationId === id);
      return o ? localized(lang, o.name, o.nameEn) : (fallback ?? id);
    },
    villages,
    organizations: orgs,
  };
}

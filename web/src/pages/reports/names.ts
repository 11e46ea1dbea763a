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

/** Village and organisation names in the current language, by id, with the name to show when the id is unknown. */
export interface NameLookup {
  village(id: string, fallback?: string): string;
  organization(id: string, fallback?: string): string;
}

export interface Names extends NameLookup {
  villages: Village[];
  organizations: Organization[];
}

/** A name as reports carry it: the Chinese name, and the English one where the record has it. */
export interface Named {
  name: string;
  nameEn?: string;
}

/** A report's name in the current language: reports carry both, so no directory is read. */
export function useLocalName(): (named: Named) => string {
  const { lang } = useI18n();
  return (named) => localized(lang, named.name, named.nameEn);
}

/**
 * Names from what reports already carried (the programme report's village lines, the rankings' organisations),
 * for lists that name villages and organisations but carry only the Chinese names (pairings, weekly reports).
 */
export function useNamesFrom(villages: (Named & { villageId: string })[], organizations: (Named & { organizationId: string })[]): NameLookup {
  const localName = useLocalName();
  const villageById = new Map(villages.map((v) => [v.villageId, v]));
  const organizationById = new Map(organizations.map((o) => [o.organizationId, o]));
  const nameOf = (named: Named | undefined, id: string, fallback?: string) => (named ? localName(named) : (fallback ?? id));
  return {
    village: (id, fallback) => nameOf(villageById.get(id), id, fallback),
    organization: (id, fallback) => nameOf(organizationById.get(id), id, fallback),
  };
}

/**
 * Names of villages and organisations in the current language from the directories, for pages whose lists
 * carry ids or Chinese names only. Until they load (or if they fail), the list's own name shows.
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

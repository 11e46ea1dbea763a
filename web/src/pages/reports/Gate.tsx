import type { ComponentChildren } from 'preact';
import type { Actor } from '../../api';
import { Loading } from '../../components/Status';
import { useI18n } from '../../i18n';
import { useLocation } from '../../router';
import { useActor } from '../../session';

/**
 * Renders its children for a signed-in actor that `allow` accepts; otherwise the page's heading and what to
 * do (sign in, or that this account may not see it). The API checks again: this only spares a 403.
 */
export function Gate({ title, allow, children }: { title: string; allow: (actor: Actor) => boolean; children: (actor: Actor) => ComponentChildren }) {
  const { t } = useI18n();
  const actor = useActor();
  const { path, query } = useLocation();
  if (actor === undefined) return <Loading />;
  if (actor && allow(actor)) return <>{children(actor)}</>;
  const next = query.toString() ? `${path}?${query}` : path;
  return (
    <>
      <h1>{title}</h1>
      {actor === null ? (
        <p class="note">
          {t('impact.rep.needSignIn')} <a href={`/sign-in?next=${encodeURIComponent(next)}`}>{t('nav.signIn')}</a>
        </p>
      ) : (
        <p class="note">{t('impact.rep.forbidden')}</p>
      )}
    </>
  );
}

export const isOrganizer = (a: Actor): boolean => a.role === 'organizer';

import type { ComponentChildren } from 'preact';
import type { Actor, Role } from '../../../../shared/domain/actor.js';
import { Loading } from '../../components/Status';
import { roleKey, useI18n, type MessageKey } from '../../i18n';
import { useLocation } from '../../router';
import { useActor } from '../../session';

/**
 * Renders its children for a signed-in actor of one of `roles`, handing them the actor narrowed to those roles;
 * otherwise the page heading and what to do (sign in, or which accounts the page is for).
 */
export function RequireRole<R extends Role>({
  roles,
  title,
  children,
}: {
  roles: R[];
  title: MessageKey;
  children: (actor: Extract<Actor, { role: R }>) => ComponentChildren;
}) {
  const { t } = useI18n();
  const actor = useActor();
  const { path } = useLocation();
  if (actor === undefined) return <Loading />;
  if (actor && (roles as Role[]).includes(actor.role)) return <>{children(actor as Extract<Actor, { role: R }>)}</>;
  return (
    <>
      <h1>{t(title)}</h1>
      {actor === null ? (
        <p class="note">
          {t('error.unauthenticated')} <a href={`/sign-in?next=${encodeURIComponent(path)}`}>{t('nav.signIn')}</a>
        </p>
      ) : (
        <p class="note">{t('gate.onlyFor', { roles: roles.map((r) => t(roleKey(r))).join(t('gate.or')) })}</p>
      )}
    </>
  );
}

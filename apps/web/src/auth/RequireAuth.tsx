import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect } from 'wouter';
import type { Role } from '../gql/graphql';
import { Page } from '../ui/Page';
import { roleName } from '../ui/labels';
import { lastEndReason } from './session';
import { useSession, useSessionRestoring } from './use-session';

/** Where sign-in should send the user back to (this page, with its query). */
export function signInPath(): string {
  const here = `${location.pathname}${location.search}`;
  const reason = lastEndReason();
  const params = new URLSearchParams();
  if (reason !== 'signed-out' && here !== '/') params.set('next', here);
  if (reason === 'expired') params.set('expired', '1');
  const query = params.toString();
  return query ? `/signin?${query}` : '/signin';
}

/**
 * Renders its page for a signed-in user (with one of `roles`, when given); otherwise sends them to
 * sign in and back here afterwards. The server checks everything again: this only spares a dead end.
 */
export function RequireAuth({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const restoring = useSessionRestoring();
  // A new tab of a signed-in browser gets its session in a moment: no detour through sign-in.
  if (!session && restoring) return null;
  if (!session) return <Redirect to={signInPath()} replace />;
  if (roles && !roles.some((r) => session.user.roles.includes(r))) {
    return (
      <Page title={t('auth.wrongRole')}>
        <p>
          {t('auth.forRoles', {
            roles: new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(roles.map(roleName)),
            yours: new Intl.ListFormat(i18n.language).format(session.user.roles.map(roleName)),
          })}
        </p>
        <p>
          <Link href="/">{t('common.homeLink')}</Link>
        </p>
      </Page>
    );
  }
  return <>{children}</>;
}

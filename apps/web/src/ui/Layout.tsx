import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { signOut } from '../auth/session';
import { SessionWarning } from '../auth/SessionWarning';
import { useSession } from '../auth/use-session';
import type { Role } from '../gql/graphql';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useSiteHeaderHidden, useSkipTargetShown } from './chrome';

interface NavItem {
  href: string;
  label: 'layout.nav.rounds' | 'layout.nav.desk' | 'layout.nav.admin' | 'layout.nav.settings';
  /** Unset: every signed-in user. */
  roles?: Role[];
}

/** The top-level areas, each for the roles that use it. */
export const NAV: NavItem[] = [
  { href: '/rounds', label: 'layout.nav.rounds', roles: ['CONSTITUENT'] },
  { href: '/desk', label: 'layout.nav.desk', roles: ['SECRETARIAT'] },
  { href: '/administration', label: 'layout.nav.admin', roles: ['ADMIN'] },
  { href: '/settings', label: 'layout.nav.settings' },
];

/** Skip link, header (unless the page hides it: useHideSiteHeader) with the areas of the signed-in user and sign-out, then the page in <main>. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const [location] = useLocation();
  const items = session ? NAV.filter((item) => !item.roles || item.roles.some((r) => session.user.roles.includes(r))) : [];
  const current = (href: string) => location === href || location.startsWith(`${href}/`);
  // A projector page (the board in the room) shows no header: the skip link stays.
  const headerHidden = useSiteHeaderHidden();
  const extraSkip = useSkipTargetShown();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      {extraSkip && (
        <a
          className="skip-link"
          href={`#${extraSkip.targetId}`}
          onClick={(event) => {
            const target = document.getElementById(extraSkip.targetId);
            if (!target) return;
            event.preventDefault();
            target.focus();
          }}
        >
          {extraSkip.label}
        </a>
      )}
      {!headerHidden && (
        <header className="site-header">
          <Link href="/" className="brand">
            {t('layout.brand')}
          </Link>
          {session && (
            <nav aria-label={t('layout.main')}>
              <ul>
                <li>
                  <Link href="/" aria-current={location === '/' ? 'page' : undefined}>
                    {t('layout.home')}
                  </Link>
                </li>
                {items.map((item) => (
                  <li key={item.href}>
                    <Link href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                      {t(item.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {session && (
            <div className="account">
              <span className="account-name">
                {session.user.displayName}
                {session.user.organization ? `, ${session.user.organization.name}` : ''}
              </span>
              <button type="button" className="button-quiet" onClick={() => void signOut()}>
                {t('layout.signOut')}
              </button>
            </div>
          )}
          <LanguageSwitch />
        </header>
      )}
      <SessionWarning />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

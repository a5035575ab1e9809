import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { signOut } from '../auth/session';
import { useSession } from '../auth/use-session';
import type { Role } from '../gql/graphql';

interface NavItem {
  href: string;
  label: string;
  roles: Role[];
}

/** The top-level areas, each for the roles that use it. */
export const NAV: NavItem[] = [
  { href: '/rounds', label: 'Consultations', roles: ['CONSTITUENT'] },
  { href: '/desk', label: 'Desk', roles: ['SECRETARIAT'] },
];

/** Skip link, header with the areas of the signed-in user and sign-out, then the page in <main>. */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const [location] = useLocation();
  const items = session ? NAV.filter((item) => item.roles.some((r) => session.user.roles.includes(r))) : [];
  const current = (href: string) => location === href || location.startsWith(`${href}/`);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          Tripartite
        </Link>
        {session && (
          <nav aria-label="Main">
            <ul>
              <li>
                <Link href="/" aria-current={location === '/' ? 'page' : undefined}>
                  Home
                </Link>
              </li>
              {items.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                    {item.label}
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
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

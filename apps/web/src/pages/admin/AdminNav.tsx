// The administration's sections, on each of its pages.
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';

export const ADMIN_SECTIONS = ['organizations', 'users', 'webhooks', 'emails'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export function AdminNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  return (
    <nav className="admin-nav" aria-label={t('admin.sections')}>
      <ul>
        <li>
          <Link href="/administration" aria-current={location === '/administration' ? 'page' : undefined}>
            {t('admin.overview')}
          </Link>
        </li>
        {ADMIN_SECTIONS.map((s) => (
          <li key={s}>
            <Link href={`/administration/${s}`} aria-current={location === `/administration/${s}` ? 'page' : undefined}>
              {t(`admin.section.${s}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// The administration's front page: what each section is for.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Page } from '../../ui/Page';
import { ADMIN_SECTIONS, AdminNav } from './AdminNav';
import './admin.css';

export default function AdminPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('admin.title')}>
      <AdminNav />
      <p>{t('admin.intro')}</p>
      <ul className="cards">
        {ADMIN_SECTIONS.map((s) => (
          <li key={s} className="card">
            <h2>
              <Link href={`/administration/${s}`}>{t(`admin.section.${s}`)}</Link>
            </h2>
            <p>{t(`admin.sectionHint.${s}`)}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}

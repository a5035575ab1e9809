import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Page } from '../ui/Page';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <p>
        <Link href="/">{t('common.homeLink')}</Link>
      </p>
    </Page>
  );
}

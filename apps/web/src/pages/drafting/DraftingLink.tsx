// The link from an instrument's page to its draft (or, when none is being written, its latest version).
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

export function DraftingLink({ instrumentId, versions }: { instrumentId: string; versions: { id: string; number: number; status: string }[] }) {
  const { t } = useTranslation();
  const draft = versions.find((v) => v.status === 'DRAFT');
  return (
    <p className="draft-link">
      <Link href={`/desk/instruments/${instrumentId}/draft`}>{draft ? t('drafting.link.draft', { number: draft.number }) : t('drafting.link.versions')}</Link>
    </p>
  );
}

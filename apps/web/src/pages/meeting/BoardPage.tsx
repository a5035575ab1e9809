// The meeting's live board for anyone signed in who may read the meeting: the table, or the projector view
// (`?view=projector`: the current item pinned and large, no site header) for the room's screen; for the secretariat,
// the room's board links below the table.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'wouter';
import { useSignedIn } from '../../auth/use-session';
import { BoardLinks } from './BoardLinks';
import { LiveBoard } from './LiveBoard';

export default function BoardPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const projector = params.get('view') === 'projector';
  const { user } = useSignedIn();
  const mayModerate = user.roles.some((r) => r === 'MODERATOR' || r === 'SECRETARIAT');
  const secretariat = user.roles.includes('SECRETARIAT');
  const base = `/meetings/${id}/board`;
  return (
    <>
      <LiveBoard
        id={id}
        projector={projector}
        actions={
          <>
            <Link href={projector ? base : `${base}?view=projector`}>{projector ? t('projector.tableView') : t('projector.projectorView')}</Link>
            {mayModerate && !projector && <Link href={`/meetings/${id}/moderate`}>{t('board.openConsole')}</Link>}
          </>
        }
      />
      {secretariat && !projector && <BoardLinks meetingId={id} />}
    </>
  );
}

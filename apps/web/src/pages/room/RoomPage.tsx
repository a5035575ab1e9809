// The room's screen: /room/<board link>. No personal sign-in: the link reads its meeting's board (projector view,
// live) and nothing else; once it is revoked or expired the page says so.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Provider } from 'urql';
import { connectRoom, meetingOfBoardToken, type RoomConnection } from '../../graphql/room-client';
import { useHideSiteHeader } from '../../ui/chrome';
import { Page } from '../../ui/Page';
import { LiveBoard } from '../meeting/LiveBoard';

export default function RoomPage({ token }: { token: string }) {
  const meetingId = meetingOfBoardToken(token);
  const [refused, setRefused] = useState(meetingId === null);
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  useEffect(() => {
    if (!meetingId) return;
    const opened = connectRoom(token, () => setRefused(true));
    setConnection(opened);
    return () => opened.dispose();
  }, [token, meetingId]);
  useHideSiteHeader(true);
  if (refused || !meetingId) return <Refused />;
  if (!connection) return null;
  return (
    <Provider value={connection.client}>
      <LiveBoard id={meetingId} projector />
    </Provider>
  );
}

function Refused() {
  const { t } = useTranslation();
  return (
    <div className="projector projector-mode">
      <Page title={t('projector.room.refused')}>
        <p data-testid="room-refused">{t('projector.room.refusedHint')}</p>
      </Page>
    </div>
  );
}

// The moderator console: pick the agenda item under discussion, record each group's position (buttons or
// g/e/w then 1-4), amendments and votes, open and close items. Live: another moderator's records show
// up here as they happen (and are said so), and the board follows every write.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { Link, useSearchParams } from 'wouter';
import { useLiveStatus } from '../../graphql/live-status';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Page } from '../../ui/Page';
import { ItemConsole } from './ItemConsole';
import { MeetingHead } from './MeetingHead';
import { ITEM_STATUS_WORDS, itemName } from './labels';
import {
  ModerateCloseMeeting,
  ModerateMeeting,
  ModerateOpenMeeting,
  ModerateTallyUpdated,
  type ModerateItem,
  type ModerateMeetingData,
} from './moderate-operations';
import './meeting.css';

/** The item a console opens on: the one under discussion, else the next pending one, else the last. */
function defaultItem(agenda: ModerateItem[]): ModerateItem | undefined {
  return agenda.find((i) => i.status === 'UNDER_DISCUSSION') ?? agenda.find((i) => i.status === 'PENDING') ?? agenda[agenda.length - 1];
}

/** Of two copies of an item (the last fetch, the answer to our own write), the later revision. */
function newer(a: ModerateItem, b: ModerateItem | undefined): ModerateItem {
  return b && b.revision > a.revision ? b : a;
}

const REFETCH_DELAY_MS = 150;

export default function ModeratePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [{ data, error }, reexecute] = useQuery({ query: ModerateMeeting, variables: { id }, requestPolicy: 'cache-and-network' });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  /** Fetches the meeting now and returns it (for a CONFLICT: what the server has). */
  const fetchNow = useCallback(async () => {
    const result = await client.query(ModerateMeeting, { id }, { requestPolicy: 'network-only' }).toPromise();
    return result.data?.meeting ?? null;
  }, [client, id]);

  // Every change in the meeting (another moderator's too): fetch again, once per burst.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    const subscription = client.subscription(ModerateTallyUpdated, { id }).subscribe((result) => {
      if (!result.data) return;
      clearTimeout(timer.current);
      timer.current = setTimeout(refresh, REFETCH_DELAY_MS);
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer.current);
    };
  }, [client, id, refresh]);
  // Events sent while the socket was down are lost: fetch again when it is back.
  const { connections } = useLiveStatus();
  const seenConnections = useRef(connections);
  useEffect(() => {
    if (connections > seenConnections.current && seenConnections.current > 0) refresh();
    seenConnections.current = connections;
  }, [connections, refresh]);

  // The first item shown keeps the focus where the page put it; the next ones get it (the link that was
  // followed is gone with the item it belonged to).
  const itemsShown = useRef(0);
  const shouldFocus = useCallback(() => itemsShown.current++ > 0, []);
  const [latest, setLatest] = useState<Record<string, ModerateItem>>({});
  const remember = useCallback((item: ModerateItem) => setLatest((l) => ({ ...l, [item.id]: newer(item, l[item.id]) })), []);
  const [params, setParams] = useSearchParams();
  const chosen = params.get('item');
  const fallback = data ? defaultItem(data.meeting.agenda)?.id : undefined;
  // The item stays the console's until the moderator picks another (closing it does not move them on).
  useEffect(() => {
    if (!chosen && fallback) setParams({ item: fallback }, { replace: true });
  }, [chosen, fallback, setParams]);

  if (!data) {
    return <Page title={t('console.title')}>{error ? <ErrorMessage error={error} /> : <p>{t('console.loading')}</p>}</Page>;
  }
  const meeting = data.meeting;
  const agenda = meeting.agenda.map((i) => newer(i, latest[i.id])).sort((a, b) => a.order - b.order);
  const current = agenda.find((i) => i.id === chosen) ?? defaultItem(agenda);
  const base = `/meetings/${meeting.id}/moderate`;

  return (
    <Page title={t('console.moderating', { title: meeting.title })} wide>
      <MeetingHead instrument={meeting.instrument} status={meeting.status} />
      <p>
        <Link href={`/meetings/${meeting.id}/board`}>{t('console.openBoard')}</Link> {t('console.forScreen')}
      </p>
      <ErrorMessage error={error} title={t('console.refreshFailed')} />
      <MeetingControls meeting={meeting} agenda={agenda} />

      <div className="console">
        <nav aria-label={t('console.agenda')} className="console-agenda">
          <h2 id="agenda-heading">{t('console.agenda')}</h2>
          <ol className="agenda-list">
            {agenda.map((item) => (
              <li key={item.id}>
                <Link
                  href={`${base}?item=${item.id}`}
                  aria-current={item.id === current?.id ? 'true' : undefined}
                  className={item.id === current?.id ? 'agenda-current' : undefined}
                >
                  {itemName(item)}
                </Link>{' '}
                <span className="muted">{ITEM_STATUS_WORDS[item.status]}</span>
              </li>
            ))}
          </ol>
        </nav>
        {current ? (
          <ItemConsole
            key={current.id}
            item={current}
            meeting={meeting}
            next={agenda.find((i) => i.order > current.order && (i.status === 'PENDING' || i.status === 'UNDER_DISCUSSION'))}
            itemHref={(itemId) => `${base}?item=${itemId}`}
            remember={remember}
            fetchNow={fetchNow}
            shouldFocus={shouldFocus}
          />
        ) : (
          <p>{t('console.empty')}</p>
        )}
      </div>
    </Page>
  );
}

/** Opening the meeting (SCHEDULED) and closing it once every item is closed. */
function MeetingControls({ meeting, agenda }: { meeting: ModerateMeetingData; agenda: ModerateItem[] }) {
  const { t } = useTranslation();
  const [opened, openMeeting] = useMutation(ModerateOpenMeeting);
  const [closed, closeMeeting] = useMutation(ModerateCloseMeeting);
  const [confirming, setConfirming] = useState(false);
  const announce = useAnnounce();
  const stillOpen = agenda.filter((i) => i.status === 'PENDING' || i.status === 'UNDER_DISCUSSION').length;
  if (meeting.status === 'SCHEDULED') {
    return (
      <section aria-labelledby="meeting-controls" className="notice">
        <h2 id="meeting-controls">{t('console.notStarted')}</h2>
        <p>{t('console.openIt')}</p>
        <button
          type="button"
          aria-disabled={opened.fetching ? 'true' : undefined}
          onClick={async () => {
            if (opened.fetching) return;
            const r = await openMeeting({ id: meeting.id });
            if (r.data) announce(t('console.inSession'));
          }}
        >
          {t('console.open')}
        </button>
        <ErrorMessage error={opened.error} />
      </section>
    );
  }
  if (meeting.status !== 'IN_SESSION' || stillOpen > 0) return null;
  return (
    <section aria-labelledby="meeting-controls" className="notice">
      <h2 id="meeting-controls">{t('console.allClosed')}</h2>
      {confirming ? (
        <p className="actions">
          <span>{t('console.closeQuestion')}</span>
          <button
            type="button"
            aria-disabled={closed.fetching ? 'true' : undefined}
            onClick={async () => {
              if (closed.fetching) return;
              const r = await closeMeeting({ id: meeting.id });
              if (r.data) announce(t('console.closed'));
              setConfirming(false);
            }}
          >
            {t('console.closeYes')}
          </button>
          <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('console.close')}
        </button>
      )}
      <ErrorMessage error={closed.error} />
    </section>
  );
}

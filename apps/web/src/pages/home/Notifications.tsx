import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import type { HomeNotificationFieldsFragment } from '../../gql/graphql';
import { useLiveStatus } from '../../graphql/live-status';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { LiveIndicator } from '../../ui/LiveIndicator';
import { Time } from '../../ui/Time';

graphql(`
  fragment HomeNotificationFields on Notification {
    id
    kind
    title
    body
    createdAt
    readAt
  }
`);

const HomeNotifications = graphql(`
  query HomeNotifications {
    notifications(first: 5) {
      unreadCount
      edges {
        node {
          ...HomeNotificationFields
        }
      }
    }
  }
`);

const NotificationAdded = graphql(`
  subscription HomeNotificationAdded {
    notificationAdded {
      ...HomeNotificationFields
    }
  }
`);

const SHOWN = 5;

/** The user's latest notifications, new ones arriving live (and announced); refetched after a reconnection. */
export function Notifications() {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: HomeNotifications, requestPolicy: 'cache-and-network' });
  const [live] = useSubscription({ query: NotificationAdded }, (received: HomeNotificationFieldsFragment[] = [], event) => [
    event.notificationAdded,
    ...received,
  ]);
  const announce = useAnnounce();
  const { connections } = useLiveStatus();
  const seenConnections = useRef(connections);
  const announced = useRef(0);

  // Events sent while the socket was down are lost: after it comes back, ask again.
  useEffect(() => {
    if (connections > seenConnections.current && seenConnections.current > 0) refetch({ requestPolicy: 'network-only' });
    seenConnections.current = connections;
  }, [connections, refetch]);

  const arrived = live.data ?? [];
  useEffect(() => {
    if (arrived.length > announced.current) announce(t('notifications.arrived', { title: arrived[0].title }));
    announced.current = arrived.length;
  }, [arrived, announce, t]);

  const fetched = data?.notifications.edges.map((e) => e.node) ?? [];
  const fetchedIds = new Set(fetched.map((n) => n.id));
  const fresh = arrived.filter((n) => !fetchedIds.has(n.id));
  const list = [...fresh, ...fetched].slice(0, SHOWN);
  const unread = (data?.notifications.unreadCount ?? 0) + fresh.filter((n) => !n.readAt).length;

  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('notifications.title')}</h2>
      <p className="actions">
        <span data-testid="unread-count">{unread === 0 ? t('notifications.nothingUnread') : t('notifications.unread', { count: unread })}</span>
        <LiveIndicator />
      </p>
      <ErrorMessage error={error} />
      {list.length > 0 && (
        <ul className="list" aria-label={t('notifications.latest')}>
          {list.map((n) => (
            <li key={n.id}>
              <p className="list-title">
                {n.title}
                {!n.readAt && <span className="badge">{t('notifications.unreadBadge')}</span>}
              </p>
              <p>{n.body}</p>
              <p className="muted">
                <Time value={n.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

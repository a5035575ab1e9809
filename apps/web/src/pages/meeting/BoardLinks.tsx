// The secretariat's board links for a meeting's room: create one (its URL shown once, to copy), see the open ones,
// revoke one. A board link opens /room/<token>: the board in projector view, read-only, without a personal sign-in.
// Self-contained (its own queries), so the meeting's admin page can place it too.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Time } from '../../ui/Time';

const BoardLinksQuery = graphql(`
  query BoardLinks($meetingId: ID!) {
    boardLinks(meetingId: $meetingId) {
      id
      label
      createdAt
      expiresAt
    }
  }
`);

const BoardLinkCreate = graphql(`
  mutation BoardLinkCreate($meetingId: ID!, $label: String!) {
    createBoardLink(meetingId: $meetingId, label: $label) {
      token
      link {
        id
        label
        createdAt
        expiresAt
      }
    }
  }
`);

const BoardLinkRevoke = graphql(`
  mutation BoardLinkRevoke($id: ID!) {
    revokeBoardLink(id: $id) {
      id
      revokedAt
    }
  }
`);

export function BoardLinks({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [{ data, error }, refetch] = useQuery({ query: BoardLinksQuery, variables: { meetingId }, requestPolicy: 'cache-and-network' });
  const [created, create] = useMutation(BoardLinkCreate);
  const [revoked, revoke] = useMutation(BoardLinkRevoke);
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const links = data?.boardLinks ?? [];
  return (
    <section aria-labelledby="board-links-heading" className="board-links" data-testid="board-links">
      <h2 id="board-links-heading">{t('projector.links.title')}</h2>
      <p className="hint">{t('projector.links.intro')}</p>
      <form
        className="actions"
        onSubmit={async (event) => {
          event.preventDefault();
          if (created.fetching) return;
          const r = await create({ meetingId, label: label.trim() });
          if (r.data) {
            setUrl(`${location.origin}/room/${r.data.createBoardLink.token}`);
            setCopied(false);
            setLabel('');
            announce(t('projector.links.created'));
            refetch({ requestPolicy: 'network-only' });
          }
        }}
      >
        <div className="field">
          <label htmlFor="board-link-label">{t('projector.links.label')}</label>
          <input id="board-link-label" value={label} required maxLength={300} onChange={(e) => setLabel(e.target.value)} />
        </div>
        <button type="submit" aria-disabled={created.fetching ? 'true' : undefined}>
          {created.fetching ? t('projector.links.creating') : t('projector.links.create')}
        </button>
      </form>
      <ErrorMessage error={created.error} />
      {url && (
        <div className="notice">
          <p>{t('projector.links.created')}</p>
          <div className="field">
            <label htmlFor="board-link-url">{t('projector.links.linkField')}</label>
            <input id="board-link-url" readOnly value={url} onFocus={(e) => e.target.select()} data-testid="board-link-url" />
          </div>
          <button
            type="button"
            className="button-quiet"
            onClick={() =>
              void navigator.clipboard?.writeText(url).then(
                () => setCopied(true),
                () => undefined,
              )
            }
          >
            {t('projector.links.copy')}
          </button>
          {copied && <span role="status"> {t('projector.links.copied')}</span>}
        </div>
      )}
      <h3>{t('projector.links.active')}</h3>
      <ErrorMessage error={error} />
      {links.length === 0 ? (
        <p className="muted">{t('projector.links.none')}</p>
      ) : (
        <ul className="board-link-list">
          {links.map((link) => (
            <li key={link.id} data-link={link.id}>
              <strong>{link.label}</strong>{' '}
              <span className="muted">
                {t('projector.links.expires')} <Time value={link.expiresAt} />
              </span>{' '}
              <button
                type="button"
                className="button-quiet"
                aria-label={t('projector.links.revokeNamed', { label: link.label })}
                aria-disabled={revoked.fetching ? 'true' : undefined}
                onClick={async () => {
                  if (revoked.fetching) return;
                  const r = await revoke({ id: link.id });
                  if (r.data) {
                    announce(t('projector.links.revoked', { label: link.label }));
                    refetch({ requestPolicy: 'network-only' });
                  }
                }}
              >
                {t('projector.links.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={revoked.error} />
    </section>
  );
}

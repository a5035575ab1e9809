// The item's amendments: proposing one, each group's position on it, and accepting (when its own
// positions reach consensus: amendmentAcceptBlockers, the server's rule), rejecting or withdrawing it.
// Each answer carries the whole item (its revision for the next write); a CONFLICT is shown by the console.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { CONSTITUENT_GROUPS, amendmentAcceptBlockers, type PositionsByGroup } from '@tripartite/domain';
import type { AmendmentStatus, ConstituentGroup } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { hasCode } from '../../ui/errors';
import { GROUP_NAMES } from '../../ui/labels';
import { useDraft } from '../../ui/use-draft';
import { PositionChip } from './Chips';
import type { ItemWrites } from './item-writes';
import { AMENDMENT_STATUS_WORDS, POSITION_LABELS, POSITION_ORDER } from './labels';
import { ModerateAmendmentPosition, ModerateDecideAmendment, ModerateProposeAmendment, type ModerateAmendment, type ModerateItem } from './moderate-operations';

interface Props {
  item: ModerateItem;
  discussing: boolean;
  writes: ItemWrites;
}

export function Amendments({ item, discussing, writes }: Props) {
  const { t } = useTranslation();
  if (!discussing && item.amendments.length === 0) return null;
  return (
    <section aria-labelledby="amendments-heading" className="amendments">
      <h3 id="amendments-heading">{t('amendment.title')}</h3>
      {item.amendments.length === 0 && <p className="muted">{t('amendment.none')}</p>}
      {item.amendments.map((a, i) => (
        <AmendmentCard key={a.id} amendment={a} n={i + 1} discussing={discussing} writes={writes} />
      ))}
      {discussing && <ProposeAmendment item={item} writes={writes} />}
    </section>
  );
}

function AmendmentCard({ amendment, n, discussing, writes }: { amendment: ModerateAmendment; n: number; discussing: boolean; writes: ItemWrites }) {
  const { t } = useTranslation();
  const [positioning, recordPosition] = useMutation(ModerateAmendmentPosition);
  const [deciding, decide] = useMutation(ModerateDecideAmendment);
  const announce = useAnnounce();
  const headingId = `amendment-${amendment.id}`;
  const open = discussing && amendment.status === 'PROPOSED';
  const byGroup: PositionsByGroup = Object.fromEntries(amendment.positions.map((p) => [p.group, p.position]));
  const acceptBlockers = amendmentAcceptBlockers(byGroup, amendment.status);
  const title = t('amendment.name', { n, group: GROUP_NAMES[amendment.proposedBy] });

  const onPosition = async (group: ConstituentGroup, position: (typeof POSITION_ORDER)[number]) => {
    const saw = writes.shown();
    const r = await recordPosition({ id: amendment.id, group, position, expectedRevision: saw.revision });
    const words = POSITION_LABELS[position].words;
    if (r.data) {
      writes.wrote(r.data.recordAmendmentPosition.agendaItem);
      announce(t('amendment.positionRecorded', { title, group: GROUP_NAMES[group], position: words.toLowerCase() }));
    } else if (hasCode(r.error, 'CONFLICT')) {
      const retry = {
        question: t('amendment.positionAgain', { title, group: GROUP_NAMES[group], position: words }),
        action: t('console.recordAgainAction'),
        run: () => void onPosition(group, position),
      };
      await writes.conflicted(saw, retry, r.error);
    }
  };
  const heading = useRef<HTMLHeadingElement>(null);
  const onDecide = async (status: AmendmentStatus) => {
    if (deciding.fetching) return;
    const saw = writes.shown();
    const r = await decide({ id: amendment.id, status, expectedRevision: saw.revision });
    if (r.data) {
      writes.wrote(r.data.decideAmendment.agendaItem);
      announce(t('amendment.decided', { title, status: AMENDMENT_STATUS_WORDS[status].toLowerCase() }));
      // The buttons are gone with the decision: the focus goes to the amendment.
      heading.current?.focus();
    } else if (hasCode(r.error, 'CONFLICT')) {
      const retry = {
        question: t(`amendment.decideAgain.${status}`, { title }),
        action: t(`amendment.decideAgainAction.${status}`),
        run: () => void onDecide(status),
      };
      await writes.conflicted(saw, retry, r.error);
    }
  };

  return (
    <article aria-labelledby={headingId} className="amendment" data-amendment={amendment.id}>
      <h4 id={headingId} ref={heading} tabIndex={-1}>
        {title} <span className="badge">{AMENDMENT_STATUS_WORDS[amendment.status]}</span>
      </h4>
      <blockquote className="item-text">{amendment.text}</blockquote>
      <table className="amendment-positions">
        <caption className="visually-hidden">{t('amendment.positionsOn', { title })}</caption>
        <tbody>
          {CONSTITUENT_GROUPS.map((group) => {
            const current = amendment.positions.find((p) => p.group === group);
            return (
              <tr key={group}>
                <th scope="row">{GROUP_NAMES[group]}</th>
                <td>
                  <PositionChip position={current?.position ?? null} />
                </td>
                {open && (
                  <td>
                    <div
                      role="group"
                      aria-label={t('amendment.groupOn', { group: GROUP_NAMES[group], title })}
                      className="position-buttons position-buttons-small"
                    >
                      {POSITION_ORDER.map((position) => (
                        <button
                          key={position}
                          type="button"
                          className="button-quiet"
                          aria-disabled={positioning.fetching ? 'true' : undefined}
                          onClick={() => !positioning.fetching && void onPosition(group, position)}
                        >
                          <span aria-hidden="true">{POSITION_LABELS[position].symbol}</span>
                          {POSITION_LABELS[position].words}
                        </button>
                      ))}
                    </div>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!hasCode(positioning.error, 'CONFLICT') && <ErrorMessage error={positioning.error} />}
      {open && (
        <div className="amendment-decide">
          <p className="actions">
            <button
              type="button"
              aria-disabled={acceptBlockers.length > 0 || deciding.fetching ? 'true' : undefined}
              aria-describedby={acceptBlockers.length ? `accept-blockers-${amendment.id}` : undefined}
              onClick={() => acceptBlockers.length === 0 && void onDecide('ACCEPTED')}
            >
              {t('amendment.accept')}
            </button>
            <button type="button" className="button-quiet" aria-disabled={deciding.fetching ? 'true' : undefined} onClick={() => void onDecide('REJECTED')}>
              {t('amendment.reject')}
            </button>
            <button type="button" className="button-quiet" aria-disabled={deciding.fetching ? 'true' : undefined} onClick={() => void onDecide('WITHDRAWN')}>
              {t('amendment.withdrawn')}
            </button>
          </p>
          {acceptBlockers.length > 0 && (
            <ul id={`accept-blockers-${amendment.id}`} className="blockers">
              {acceptBlockers.map((b) => (
                <li key={b.code}>
                  <span aria-hidden="true">✗ </span>
                  {t('amendment.cannotAccept', { reason: b.message })}
                </li>
              ))}
            </ul>
          )}
          {!hasCode(deciding.error, 'CONFLICT') && <ErrorMessage error={deciding.error} />}
        </div>
      )}
    </article>
  );
}

function ProposeAmendment({ item, writes }: { item: ModerateItem; writes: ItemWrites }) {
  const [draft, setDraft, clearDraft] = useDraft<{ proposedBy: ConstituentGroup | ''; text: string }>(`amendment:${item.id}`, {
    proposedBy: '',
    text: '',
  });
  const { t } = useTranslation();
  const [proposing, propose] = useMutation(ModerateProposeAmendment);
  const [missing, setMissing] = useState<string[]>([]);
  const announce = useAnnounce();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (proposing.fetching) return;
    const problems = [...(draft.proposedBy ? [] : ['proposedBy']), ...(draft.text.trim() ? [] : ['text'])];
    setMissing(problems);
    if (problems.length || !draft.proposedBy) return;
    const r = await propose({ id: item.id, proposedBy: draft.proposedBy, text: draft.text });
    if (r.data) {
      writes.wrote(r.data.proposeAmendment.agendaItem);
      clearDraft();
      announce(t('amendment.proposed', { group: GROUP_NAMES[r.data.proposeAmendment.proposedBy] }));
    }
  };

  return (
    <form className="form propose-amendment" onSubmit={submit} aria-labelledby="propose-heading" noValidate>
      <h4 id="propose-heading">{t('amendment.propose')}</h4>
      <fieldset aria-describedby={missing.includes('proposedBy') ? 'proposed-by-error' : undefined}>
        <legend>{t('amendment.proposedBy')}</legend>
        <div className="radios">
          {CONSTITUENT_GROUPS.map((g) => (
            <label key={g} className="radio">
              <input
                type="radio"
                name={`proposed-by-${item.id}`}
                value={g}
                checked={draft.proposedBy === g}
                onChange={() => setDraft({ ...draft, proposedBy: g })}
              />{' '}
              {GROUP_NAMES[g]}
            </label>
          ))}
        </div>
        {missing.includes('proposedBy') && (
          <p id="proposed-by-error" className="field-error">
            {t('amendment.chooseGroup')}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`amendment-text-${item.id}`}>{t('amendment.text')}</label>
        <textarea
          id={`amendment-text-${item.id}`}
          value={draft.text}
          aria-invalid={missing.includes('text') ? 'true' : undefined}
          aria-describedby={missing.includes('text') ? 'amendment-text-error' : undefined}
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
        />
        {missing.includes('text') && (
          <p id="amendment-text-error" className="field-error">
            {t('amendment.writeText')}
          </p>
        )}
      </div>
      <p className="actions">
        <button type="submit" aria-disabled={proposing.fetching ? 'true' : undefined}>
          {t('amendment.submit')}
        </button>
      </p>
      <ErrorMessage error={proposing.error} />
    </form>
  );
}

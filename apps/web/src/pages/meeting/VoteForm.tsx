// Recording a vote: the counts of each group, and the weighted result computed as they are typed with
// the server's own functions (validateVoteCounts, weighVote), against the registered voting participants.
// A CONFLICT (someone changed the item first, another vote perhaps) keeps the counts typed and is shown by
// the console, which offers to record them again.
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { CONSTITUENT_GROUPS, countVotingParticipants, validateVoteCounts, weighVote, type GroupVote } from '@tripartite/domain';
import type { ConstituentGroup } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { hasCode } from '../../ui/errors';
import { GROUP_NAMES } from '../../ui/labels';
import { useDraft } from '../../ui/use-draft';
import type { ItemWrites } from './item-writes';
import { listOf } from './labels';
import { useLocale } from '../../i18n/language-choice';
import { ModerateRecordVote, type ModerateItem, type ModerateMeetingData } from './moderate-operations';

const COUNTS = [['inFavour'], ['against'], ['abstentions']] as const;
type CountKey = (typeof COUNTS)[number][0];
type Counts = Record<ConstituentGroup, Record<CountKey, string>>;

const EMPTY: Counts = {
  GOVERNMENT: { inFavour: '', against: '', abstentions: '' },
  EMPLOYERS: { inFavour: '', against: '', abstentions: '' },
  WORKERS: { inFavour: '', against: '', abstentions: '' },
};

/** A blank field counts as 0; anything else must be a whole number (validateVoteCounts says so). */
function toNumber(value: string): number {
  return value.trim() === '' ? 0 : /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
}

/** 2, 1.33 / 1,33: up to two decimals, in the reader's locale. */
const formatWeight = (n: number, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: Number.isInteger(n) ? 0 : 2 }).format(n);

interface Props {
  item: ModerateItem;
  meeting: ModerateMeetingData;
  discussing: boolean;
  writes: ItemWrites;
}

export function VoteForm({ item, meeting, discussing, writes }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const weight = (n: number) => formatWeight(n, locale);
  const [counts, setCounts, clearCounts] = useDraft<Counts>(`vote:${item.id}`, EMPTY);
  const [recording, recordVote] = useMutation(ModerateRecordVote);
  const announce = useAnnounce();
  const registered = countVotingParticipants(meeting.participants);
  const votes: GroupVote[] = CONSTITUENT_GROUPS.map((group) => ({
    group,
    inFavour: toNumber(counts[group].inFavour),
    against: toNumber(counts[group].against),
    abstentions: toNumber(counts[group].abstentions),
  }));
  const problems = validateVoteCounts(votes, registered);
  const problemOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const result = problems.length === 0 ? weighVote(votes, registered) : null;
  const typed = CONSTITUENT_GROUPS.some((g) => COUNTS.some(([k]) => counts[g][k].trim() !== ''));

  const record = async (counts: GroupVote[]) => {
    if (recording.fetching) return;
    const saw = writes.shown();
    const r = await recordVote({ id: item.id, votes: counts, expectedRevision: saw.revision });
    if (r.data) {
      writes.wrote(r.data.recordVote);
      clearCounts();
      const v = r.data.recordVote.vote;
      announce(v?.carried ? t('vote.recordedCarried') : t('vote.recordedFailed'));
    } else if (hasCode(r.error, 'CONFLICT')) {
      await writes.conflicted(saw, { question: t('vote.again'), action: t('vote.recordAgain'), run: () => void record(counts) }, r.error);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problems.length || !typed) return;
    void record(votes);
  };

  if (!discussing && !item.vote) return null;
  return (
    <section aria-labelledby="vote-heading" className="vote">
      <h3 id="vote-heading">{t('vote.title')}</h3>
      {item.vote && (
        <div className="recorded-vote" data-testid="recorded-vote">
          <p>
            <strong>{item.vote.carried ? t('vote.recordedVoteCarried') : t('vote.recordedVoteFailed')}</strong>
            {' — '}
            {t(item.vote.quorumMet ? 'vote.summaryQuorum' : 'vote.summaryNoQuorum', {
              inFavour: weight(item.vote.weightedInFavour),
              against: weight(item.vote.weightedAgainst),
            })}
          </p>
          <p className="muted">
            {item.vote.votes
              .map((v) => t('vote.groupCounts', { group: GROUP_NAMES[v.group], inFavour: v.inFavour, against: v.against, abstentions: v.abstentions }))
              .join(' · ')}
          </p>
        </div>
      )}
      {discussing && (
        <form className="form vote-form" onSubmit={submit} noValidate aria-labelledby="vote-form-heading">
          <h4 id="vote-form-heading">{item.vote ? t('vote.recordAgain') : t('vote.recordA')}</h4>
          <p className="hint">
            {meeting.decisionRule === 'CONSENSUS' ? t('vote.consensusRule') : t('vote.weightedRule')} {t('vote.weighting')}
          </p>
          <div className="vote-groups">
            {CONSTITUENT_GROUPS.map((group, gi) => {
              const groupProblem = problemOf(`votes[${gi}]`);
              return (
                <fieldset key={group} className="vote-group" aria-describedby={groupProblem ? `vote-problem-${group}` : undefined}>
                  <legend>
                    {GROUP_NAMES[group]} <span className="muted">{t('vote.registered', { count: registered[group] })}</span>
                  </legend>
                  {COUNTS.map(([key]) => {
                    const inputId = `vote-${group}-${key}`;
                    const problem = problemOf(`votes[${gi}].${key}`);
                    return (
                      <div className="field" key={key}>
                        <label htmlFor={inputId}>{t(`vote.${key}`)}</label>
                        <input
                          id={inputId}
                          type="text"
                          inputMode="numeric"
                          autoComplete="off"
                          placeholder="0"
                          value={counts[group][key]}
                          aria-invalid={problem || groupProblem ? 'true' : undefined}
                          aria-describedby={problem ? `${inputId}-problem` : undefined}
                          onChange={(e) => setCounts({ ...counts, [group]: { ...counts[group], [key]: e.target.value } })}
                        />
                        {problem && (
                          <p id={`${inputId}-problem`} className="field-error">
                            {problem}
                          </p>
                        )}
                      </div>
                    );
                  })}
                  {groupProblem && (
                    <p id={`vote-problem-${group}`} className="field-error">
                      {t('vote.tooMany', {
                        group: GROUP_NAMES[group],
                        cast: votes[gi].inFavour + votes[gi].against + votes[gi].abstentions,
                        count: registered[group],
                      })}
                    </p>
                  )}
                </fieldset>
              );
            })}
          </div>
          <output className="vote-result" data-testid="vote-result" aria-live="polite">
            {!typed ? (
              t('vote.typeCounts')
            ) : result ? (
              <>
                <span className="vote-result-line">
                  {t('vote.weightedInFavour')} <strong data-testid="weighted-in-favour">{weight(result.weightedInFavour)}</strong>
                  {t('vote.weightedAgainst')} <strong data-testid="weighted-against">{weight(result.weightedAgainst)}</strong>
                </span>
                <span className="vote-result-line">
                  {t('vote.weights', { list: CONSTITUENT_GROUPS.map((g) => `${GROUP_NAMES[g]} ${weight(result.weights[g])}`).join(', ') })}
                </span>
                <span className="vote-result-line">
                  {result.quorumMet ? t('vote.quorumMet') : t('vote.quorumNotMet', { groups: listOf(result.groupsWithoutQuorum.map((g) => GROUP_NAMES[g])) })}
                </span>
                <span className="vote-result-line vote-verdict" data-testid="vote-verdict">
                  {result.carried ? t('vote.carried') : t('vote.notCarried')}
                </span>
              </>
            ) : (
              t('vote.correct')
            )}
          </output>
          <p className="actions">
            <button type="submit" aria-disabled={recording.fetching || !typed || problems.length > 0 ? 'true' : undefined}>
              {t('vote.record')}
            </button>
          </p>
          {!hasCode(recording.error, 'CONFLICT') && <ErrorMessage error={recording.error} />}
        </form>
      )}
    </section>
  );
}

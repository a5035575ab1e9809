// Recording a vote: the counts of each group, and the weighted result computed as they are typed with
// the server's own functions (validateVoteCounts, weighVote), against the registered voting participants.
// A CONFLICT (someone changed the item first, another vote perhaps) keeps the counts typed and is shown by
// the console, which offers to record them again.
import { type FormEvent } from 'react';
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
import { ModerateRecordVote, type ModerateItem, type ModerateMeetingData } from './moderate-operations';

const COUNTS = [
  ['inFavour', 'In favour'],
  ['against', 'Against'],
  ['abstentions', 'Abstentions'],
] as const;
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

const formatWeight = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

interface Props {
  item: ModerateItem;
  meeting: ModerateMeetingData;
  discussing: boolean;
  writes: ItemWrites;
}

export function VoteForm({ item, meeting, discussing, writes }: Props) {
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
      announce(`Vote recorded: ${v?.carried ? 'carried' : 'not carried'}.`);
    } else if (hasCode(r.error, 'CONFLICT')) {
      await writes.conflicted(saw, { question: 'Record the vote you typed again?', action: 'Record the vote again', run: () => void record(counts) }, r.error);
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
      <h3 id="vote-heading">Vote</h3>
      {item.vote && (
        <div className="recorded-vote" data-testid="recorded-vote">
          <p>
            <strong>Recorded vote: {item.vote.carried ? '✓ carried' : '✗ not carried'}</strong>
            {' — '}weighted in favour {formatWeight(item.vote.weightedInFavour)}, against {formatWeight(item.vote.weightedAgainst)}; quorum{' '}
            {item.vote.quorumMet ? 'met' : 'not met'}.
          </p>
          <p className="muted">
            {item.vote.votes.map((v) => `${GROUP_NAMES[v.group]} ${v.inFavour} for, ${v.against} against, ${v.abstentions} abstaining`).join(' · ')}
          </p>
        </div>
      )}
      {discussing && (
        <form className="form vote-form" onSubmit={submit} noValidate aria-labelledby="vote-form-heading">
          <h4 id="vote-form-heading">{item.vote ? 'Record the vote again' : 'Record a vote'}</h4>
          <p className="hint">
            {meeting.decisionRule === 'CONSENSUS'
              ? 'Under the consensus rule a vote decides the item when consensus fails.'
              : 'Under the group-weighted rule every item is decided by a vote.'}{' '}
            Each group’s votes are weighted so the three groups have equal strength; a blank count is 0.
          </p>
          <div className="vote-groups">
            {CONSTITUENT_GROUPS.map((group, gi) => {
              const groupProblem = problemOf(`votes[${gi}]`);
              return (
                <fieldset key={group} className="vote-group" aria-describedby={groupProblem ? `vote-problem-${group}` : undefined}>
                  <legend>
                    {GROUP_NAMES[group]} <span className="muted">({registered[group]} registered voters)</span>
                  </legend>
                  {COUNTS.map(([key, label]) => {
                    const inputId = `vote-${group}-${key}`;
                    const problem = problemOf(`votes[${gi}].${key}`);
                    return (
                      <div className="field" key={key}>
                        <label htmlFor={inputId}>{label}</label>
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
                      {GROUP_NAMES[group]} cast {votes[gi].inFavour + votes[gi].against + votes[gi].abstentions} votes but has {registered[group]} registered
                      voters.
                    </p>
                  )}
                </fieldset>
              );
            })}
          </div>
          <output className="vote-result" data-testid="vote-result" aria-live="polite">
            {!typed ? (
              'Type the counts to see the weighted result.'
            ) : result ? (
              <>
                <span className="vote-result-line">
                  Weighted in favour <strong data-testid="weighted-in-favour">{formatWeight(result.weightedInFavour)}</strong>, against{' '}
                  <strong data-testid="weighted-against">{formatWeight(result.weightedAgainst)}</strong>
                </span>
                <span className="vote-result-line">
                  Weights: {CONSTITUENT_GROUPS.map((g) => `${GROUP_NAMES[g]} ${formatWeight(result.weights[g])}`).join(', ')}
                </span>
                <span className="vote-result-line">
                  Quorum: {result.quorumMet ? '✓ met' : `✗ not met (${listOf(result.groupsWithoutQuorum.map((g) => GROUP_NAMES[g]))})`}
                </span>
                <span className="vote-result-line vote-verdict" data-testid="vote-verdict">
                  {result.carried ? '✓ Carried' : '✗ Not carried'}
                </span>
              </>
            ) : (
              'The counts need correcting before the result can be computed.'
            )}
          </output>
          <p className="actions">
            <button type="submit" aria-disabled={recording.fetching || !typed || problems.length > 0 ? 'true' : undefined}>
              Record vote
            </button>
          </p>
          {!hasCode(recording.error, 'CONFLICT') && <ErrorMessage error={recording.error} />}
        </form>
      )}
    </section>
  );
}

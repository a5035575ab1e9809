import { CONSTITUENT_GROUPS, isOneOf, VOTING_ROLES, type ConstituentGroup, type ParticipantRole } from '../enums';

export interface GroupVote {
  group: ConstituentGroup;
  inFavour: number;
  against: number;
  abstentions: number;
}

/** The contract's VoteResult, plus the weights and the groups short of quorum so a board can explain it. */
export interface VoteResult {
  votes: GroupVote[];
  weightedInFavour: number;
  weightedAgainst: number;
  quorumMet: boolean;
  carried: boolean;
  weights: Record<ConstituentGroup, number>;
  groupsWithoutQuorum: ConstituentGroup[];
}

/** Same shape as a BAD_USER_INPUT field error. */
export interface VoteProblem {
  field: string;
  message: string;
}

export type GroupCounts = Record<ConstituentGroup, number>;

/** Registered voting participants per group (advisers and observers do not vote). */
export function countVotingParticipants(participants: readonly { group: ConstituentGroup; role: ParticipantRole }[]): GroupCounts {
  const counts: GroupCounts = { GOVERNMENT: 0, EMPLOYERS: 0, WORKERS: 0 };
  for (const p of participants) {
    if (isOneOf(VOTING_ROLES, p.role)) counts[p.group] += 1;
  }
  return counts;
}

export function votesCast(v: GroupVote): number {
  return v.inFavour + v.against + v.abstentions;
}

/** Half of the registered voters, rounded up; a group with none registered can never reach it. */
export function quorumOf(registered: number): number {
  return registered > 0 ? Math.ceil(registered / 2) : Infinity;
}

export function validateVoteCounts(votes: readonly GroupVote[], registered: GroupCounts): VoteProblem[] {
  const problems: VoteProblem[] = [];
  const seen = new Set<string>();
  votes.forEach((v, i) => {
    const at = `votes[${i}]`;
    if (!isOneOf(CONSTITUENT_GROUPS, v.group)) {
      problems.push({ field: `${at}.group`, message: `Unknown group ${String(v.group)}` });
      return;
    }
    if (seen.has(v.group)) problems.push({ field: `${at}.group`, message: `${v.group} is listed more than once` });
    seen.add(v.group);
    for (const key of ['inFavour', 'against', 'abstentions'] as const) {
      if (!Number.isInteger(v[key]) || v[key] < 0) {
        problems.push({ field: `${at}.${key}`, message: 'Must be a whole number, 0 or more' });
      }
    }
    const cast = votesCast(v);
    if (cast > (registered[v.group] ?? 0)) {
      problems.push({
        field: at,
        message: `${v.group} cast ${cast} votes but has ${registered[v.group] ?? 0} registered voting participants`,
      });
    }
  });
  return problems;
}

/**
 * Weighs a vote so the three groups have equal strength (DESIGN.md section 4).
 *
 * With G, E, W the members of each group who voted (abstentions included), the
 * textbook weights are E*W, G*W, G*E. We divide them all by G*E*W / lcm(G,E,W),
 * giving weight(g) = lcm / present(g): the smallest whole-number weights with
 * present(g) * weight(g) equal for every group (G=10, E=5, W=5 gives 1, 2, 2).
 *
 * A group with nobody voting counts as 1 in the lcm, so the others still get
 * comparable weights; its quorum is then unmet, so the vote cannot carry.
 *
 * A group with no registered voters never meets quorum (the safe reading:
 * no one can speak for it), so such a vote cannot carry either.
 *
 * Call validateVoteCounts first: this throws a RangeError on counts it reports.
 */
export function weighVote(votes: readonly GroupVote[], registered: GroupCounts): VoteResult {
  const problems = validateVoteCounts(votes, registered);
  if (problems.length > 0) {
    throw new RangeError(`Invalid vote: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
  const byGroup = CONSTITUENT_GROUPS.map((group): GroupVote => votes.find((v) => v.group === group) ?? { group, inFavour: 0, against: 0, abstentions: 0 });
  const present = byGroup.map((v) => Math.max(votesCast(v), 1));
  const common = present.reduce(lcm, 1);

  const weights = { GOVERNMENT: 0, EMPLOYERS: 0, WORKERS: 0 } as Record<ConstituentGroup, number>;
  let weightedInFavour = 0;
  let weightedAgainst = 0;
  byGroup.forEach((v, i) => {
    const w = common / present[i];
    weights[v.group] = w;
    weightedInFavour += v.inFavour * w;
    weightedAgainst += v.against * w;
  });

  const groupsWithoutQuorum = byGroup.filter((v) => votesCast(v) < quorumOf(registered[v.group])).map((v) => v.group);
  const quorumMet = groupsWithoutQuorum.length === 0;
  return {
    votes: byGroup,
    weightedInFavour,
    weightedAgainst,
    quorumMet,
    carried: quorumMet && weightedInFavour > weightedAgainst,
    weights,
    groupsWithoutQuorum,
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

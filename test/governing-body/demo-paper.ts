// The demo instrument's paper data, built from the demo files (draft, organizations, comments) with a
// fixed meeting outcome and fixed instants, so the pure renderer can be checked against a golden file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConstituentGroup, ItemStatus, Position } from '@tripartite/domain';
import { keyFromNumber, parseDraftMarkdown } from '@tripartite/drafting';
import type { GroupCounts, PaperData, PaperItem } from '@tripartite/governing-body';
import { DEMO_COMMENTS } from '../../apps/cli/src/seed/demo-comments';
import { DEMO_INSTRUMENTS } from '../../apps/cli/src/seed/demo-instruments';
import { DEMO_ORGANIZATIONS } from '../../apps/cli/src/seed/demo-people';

type Outcome = {
  status: ItemStatus;
  finalText?: string;
  positions?: Partial<Record<ConstituentGroup, [Position, string?]>>;
  /** Decided by a vote, consensus having failed: each group's votes for, against and abstaining. */
  votes?: Record<ConstituentGroup, [number, number, number]>;
};

/** What the meeting did where it did not simply adopt the guideline by consensus. */
const OUTCOMES: Record<string, Outcome> = {
  '5.2': {
    status: 'ADOPTED_AS_AMENDED',
    finalText:
      "Labour inspection should cover every workplace where migrant workers are employed, including, with due respect for privacy, private households, and agriculture, and inspectors' labour protection role should be kept separate from immigration enforcement.",
    positions: {
      WORKERS: ['RESERVATION', 'Respect for privacy must never become a reason not to inspect the households where domestic workers live and work.'],
    },
  },
  '6.1': {
    status: 'ADOPTED',
    positions: {
      EMPLOYERS: ['RESERVATION', 'Employers cannot control every cost charged by intermediaries in the country of origin.'],
    },
  },
  '8.1': {
    status: 'NOT_ADOPTED',
    votes: { GOVERNMENT: [3, 2, 1], EMPLOYERS: [0, 3, 0], WORKERS: [1, 0, 2] },
    positions: { EMPLOYERS: ['OPPOSE', 'Financial services are outside the mandate of this framework.'], WORKERS: ['ABSTAIN'] },
  },
  '8.2': {
    status: 'DEFERRED',
    positions: { GOVERNMENT: ['RESERVATION', 'Governments need to consult their finance ministries on funding reintegration.'], EMPLOYERS: ['ABSTAIN'] },
  },
};

const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];

function countBy<T>(items: readonly T[], groupOf: (item: T) => ConstituentGroup): GroupCounts {
  const counts: GroupCounts = {};
  for (const item of items) counts[groupOf(item)] = (counts[groupOf(item)] ?? 0) + 1;
  return counts;
}

export function demoPaperData(): PaperData {
  const instrument = DEMO_INSTRUMENTS.mflm;
  const parsed = parseDraftMarkdown(readFileSync(path.join(__dirname, '../../apps/cli/src/demo', instrument.file), 'utf8'));
  if (!parsed.ok) throw new Error(`the demo draft does not parse: ${JSON.stringify(parsed.problems)}`);

  const groupOf = new Map(DEMO_ORGANIZATIONS.map((o) => [o.user.email, o.group]));
  const responding = [...new Set(DEMO_COMMENTS.map((c) => c.author))];

  const items: PaperItem[] = parsed.draft.sections.flatMap((section) =>
    section.guidelines.map((g) => {
      const key = keyFromNumber(g.number);
      const outcome: Outcome = OUTCOMES[key] ?? { status: 'ADOPTED' };
      const adopted = outcome.status === 'ADOPTED' || outcome.status === 'ADOPTED_AS_AMENDED';
      return {
        key,
        number: g.number,
        title: g.title,
        sectionNumber: section.number,
        sectionHeading: section.heading,
        text: g.text,
        status: outcome.status,
        voted: outcome.votes !== undefined,
        amendments: outcome.status === 'ADOPTED_AS_AMENDED' ? [{ proposedBy: 'WORKERS' as const, status: 'ACCEPTED' as const }] : [],
        vote: outcome.votes
          ? {
              votes: GROUPS.map((group) => {
                const [inFavour, against, abstentions] = outcome.votes![group];
                return { group, inFavour, against, abstentions };
              }),
              registered: { GOVERNMENT: 0, EMPLOYERS: 0, WORKERS: 0, ...countBy(DEMO_ORGANIZATIONS, (o) => o.group) },
            }
          : null,
        finalText: adopted ? (outcome.finalText ?? g.text) : null,
        positions: GROUPS.map((group) => {
          const [position, statement] = outcome.positions?.[group] ?? ['SUPPORT'];
          return { group, position, statement: statement ?? null };
        }),
      };
    }),
  );

  return {
    date: new Date('2027-02-24T10:00:00Z'),
    session: { number: 350, startsAt: new Date('2027-03-16T08:00:00Z'), endsAt: new Date('2027-03-26T18:00:00Z') },
    symbol: 'GB.350/INS/5',
    agendaItem: 5,
    agendaItemTitle: 'Outcome of the tripartite meeting of experts on labour migration',
    pointForDecision:
      'The Governing Body approves the multilateral framework on labour migration as adopted by the tripartite meeting of experts and reproduced in Appendix I, and requests the Director-General to publish it and to promote its use by constituents.',
    instrument: { reference: instrument.reference, title: instrument.title, summary: instrument.summary },
    rounds: [
      {
        number: 1,
        versionNumber: 1,
        opensAt: new Date('2026-11-02T09:00:00Z'),
        closesAt: new Date('2026-12-15T17:00:00Z'),
        closedAt: new Date('2026-12-15T17:00:00Z'),
        invited: countBy(DEMO_ORGANIZATIONS, (o) => o.group),
        responding: countBy(responding, (email) => groupOf.get(email)!),
      },
    ],
    comments: DEMO_COMMENTS.map((c) => ({
      round: 1,
      guidelineKey: c.guideline,
      group: groupOf.get(c.author)!,
      type: c.type,
      disposition: c.disposition ?? null,
    })),
    meeting: {
      title: 'Tripartite meeting of experts on labour migration',
      venue: 'Geneva',
      startsAt: new Date('2027-02-01T08:00:00Z'),
      endsAt: new Date('2027-02-05T17:00:00Z'),
      decisionRule: 'CONSENSUS',
      participants: countBy(DEMO_ORGANIZATIONS, (o) => o.group),
      items,
    },
  };
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthPaperReadModel } from '@tripartite/auth';
import { ConsultationPaperReadModel } from '@tripartite/consultation';
import { DraftingPaperReadModel } from '@tripartite/drafting';
import type { ConstituentGroup } from '@tripartite/domain';
import { MeetingsPaperReadModel } from '@tripartite/meetings';
import { GbSubmissionRepository } from '../repositories';
import type { GroupCounts, PaperData, PaperItem, PaperRound } from './paper-data';

/**
 * Reads what the paper of one submission needs: the submission and its session from here, the rest from the
 * capabilities that own it (drafting, consultation, meetings, auth), each through its read model, all in the
 * caller's transaction (one snapshot while a draft renders; the submission's write when it freezes the paper).
 */
@Injectable()
export class PaperLoader {
  constructor(
    private readonly submissions: GbSubmissionRepository,
    private readonly drafting: DraftingPaperReadModel,
    private readonly consultation: ConsultationPaperReadModel,
    private readonly meetings: MeetingsPaperReadModel,
    private readonly auth: AuthPaperReadModel,
  ) {}

  /** Null when the submission does not exist. */
  async load(em: EntityManager, submissionId: string): Promise<PaperData | null> {
    const head = await this.submissions.paperHead(em, submissionId);
    if (!head) return null;
    const instrument = await this.drafting.instrument(em, head.instrumentId);
    const meeting = await this.meetings.meeting(em, head.meetingId);
    if (!instrument || !meeting) return null;
    const rounds = await this.consultation.rounds(em, head.instrumentId);
    const comments = await this.consultation.comments(em, head.instrumentId);
    const agenda = await this.meetings.agenda(em, head.meetingId);

    const groups = new Map(
      (
        await this.auth.organizationGroups(
          em,
          rounds.flatMap((r) => r.invitedOrganizationIds),
        )
      ).map((o) => [o.id, o.group]),
    );
    const versions = new Map(
      (
        await this.drafting.versions(
          em,
          rounds.map((r) => r.versionId),
        )
      ).map((v) => [v.id, v.number]),
    );
    const guidelineIds = [...agenda.map((i) => i.guidelineId), ...comments.flatMap((c) => (c.guidelineId ? [c.guidelineId] : []))];
    const guidelines = new Map((await this.drafting.guidelines(em, guidelineIds)).map((g) => [g.id, g]));
    const translations = await this.drafting.currentTranslations(
      em,
      agenda.map((i) => guidelines.get(i.guidelineId)!),
    );

    const paperRounds: PaperRound[] = rounds.map((r) => ({
      number: r.number,
      versionNumber: versions.get(r.versionId)!,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      closedAt: r.closedAt,
      invited: countByGroup(r.invitedOrganizationIds.map((id) => groups.get(id)!)),
      responding: r.responding,
    }));
    const items: PaperItem[] = agenda.map((i) => {
      const g = guidelines.get(i.guidelineId)!;
      return {
        key: g.key,
        number: g.number,
        title: g.title,
        sectionNumber: g.sectionNumber,
        sectionHeading: g.sectionHeading,
        text: g.text,
        status: i.status,
        finalText: i.finalText,
        positions: i.positions,
        voted: i.voted,
        vote: i.vote,
        amendments: i.amendments,
        translations: translations.get(i.guidelineId),
      };
    });

    return {
      date: head.date,
      session: { number: head.sessionNumber, startsAt: head.sessionStartsAt, endsAt: head.sessionEndsAt },
      symbol: head.symbol,
      agendaItem: head.agendaItem,
      agendaItemTitle: head.agendaItemTitle,
      pointForDecision: head.pointForDecision,
      instrument: { reference: instrument.reference, title: instrument.title, summary: instrument.summary },
      rounds: paperRounds,
      comments: comments.map((c) => ({
        round: c.round,
        guidelineKey: c.guidelineId ? guidelines.get(c.guidelineId)!.key : null,
        group: c.group,
        type: c.type,
        disposition: c.disposition,
      })),
      meeting: {
        title: meeting.title,
        venue: meeting.venue,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        decisionRule: meeting.decisionRule,
        participants: meeting.participants,
        items,
      },
    };
  }
}

/** Counts by group, groups with none left out (as json_object_agg gave them). */
function countByGroup(groups: readonly ConstituentGroup[]): GroupCounts {
  const counts: GroupCounts = {};
  for (const g of groups) counts[g] = (counts[g] ?? 0) + 1;
  return counts;
}

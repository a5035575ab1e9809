import type { INestApplicationContext } from '@nestjs/common';
import type { ConstituentGroup } from '@tripartite/domain';
import { DraftingReadService } from '@tripartite/drafting';
import { AgendaService, MeetingReadService, MeetingService } from '@tripartite/meetings';
import { WorkflowService } from '@tripartite/workflow';
import { DEMO_SECRETARIAT, actorsByEmail, consultDemoConstituents } from './demo-consultation';
import type { DemoMeetingPlan } from './demo-meetings';
import { DEMO_ORGANIZATIONS } from './demo-people';

const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];

/**
 * The instrument's consultation (closed, every comment disposed), then its experts' meeting as the plan says:
 * every demo constituent a participant (the first of each group its spokesperson), the plan's moderator
 * assigned, the meeting opened and the planned items discussed; left IN_SESSION, or closed with its report
 * adopted and the instrument in GB_SUBMISSION. Through the services, as the API would do it, with the
 * secretariat and the moderator as actors. Does nothing once the instrument has a meeting.
 */
export async function seedDemoMeeting(app: INestApplicationContext, instrumentId: string, plan: DemoMeetingPlan): Promise<void> {
  const meetings = app.get(MeetingService, { strict: false });
  const meetingReads = app.get(MeetingReadService, { strict: false });
  const agenda = app.get(AgendaService, { strict: false });
  const workflow = app.get(WorkflowService, { strict: false });
  const drafting = app.get(DraftingReadService, { strict: false });

  // As the system, which reads every meeting.
  if ((await meetingReads.byInstrumentIds(null, [instrumentId])).get(instrumentId)?.length) return;
  await consultDemoConstituents(app, instrumentId, plan.comments);

  const actors = await actorsByEmail(app, [DEMO_SECRETARIAT, plan.moderator, ...DEMO_ORGANIZATIONS.map((o) => o.user.email)]);
  const secretariat = actors.get(DEMO_SECRETARIAT)!;
  const moderator = actors.get(plan.moderator)!;
  const version = (await drafting.versionsByInstrumentIds([instrumentId])).find((v) => v.status === 'PUBLISHED');
  if (!version) throw new Error(`Demo meeting: instrument ${instrumentId} has no published version`);
  const now = Date.now();
  const at = (hours: number) => new Date(now + hours * 3_600_000);

  const meeting = await meetings.schedule(secretariat, {
    instrumentId,
    versionId: version.id,
    title: plan.title,
    venue: plan.venue,
    startsAt: at(plan.startsInHours),
    endsAt: at(plan.endsInHours),
  });
  for (const group of GROUPS) {
    const members = DEMO_ORGANIZATIONS.filter((o) => o.group === group);
    for (const [i, org] of members.entries()) {
      await meetings.addParticipant(secretariat, meeting.id, actors.get(org.user.email)!.userId, group, i === 0 ? 'SPOKESPERSON' : 'EXPERT');
    }
  }
  await meetings.assignModerator(secretariat, meeting.id, moderator.userId);
  await workflow.advance(secretariat, instrumentId, 'EXPERTS_MEETING');
  await meetings.open(moderator, meeting.id);

  const agendaItems = (await meetingReads.agendaByMeetingIds([meeting.id])).get(meeting.id) ?? [];
  const keys = new Map((await drafting.guidelinesByIds(agendaItems.map((i) => i.guidelineId))).map((g) => [g.id, g.key]));
  const items = agendaItems.map((i) => ({ id: i.id, key: keys.get(i.guidelineId)! }));
  const itemId = new Map(items.map((i) => [i.key, i.id]));
  for (const item of plan.items) {
    const id = itemId.get(item.key);
    if (!id) throw new Error(`Demo meeting: no agenda item for guideline ${item.key}`);
    await agenda.openItem(moderator, id);
    for (const group of GROUPS) {
      const stated = item.positions[group];
      if (!stated) continue;
      const [position, statement] = Array.isArray(stated) ? stated : [stated, null];
      await agenda.recordPosition(moderator, id, group, position, statement);
    }
    if (item.amendment) {
      const amendment = await agenda.proposeAmendment(moderator, id, item.amendment.by, item.amendment.text);
      for (const group of GROUPS) {
        const position = item.amendment.positions[group];
        if (position) await agenda.recordAmendmentPosition(moderator, amendment.id, group, position);
      }
      if (item.amendment.decision) await agenda.decideAmendment(moderator, amendment.id, item.amendment.decision);
    }
    if (item.vote) await agenda.recordVote(moderator, id, item.vote);
    if (item.close) await agenda.closeItem(moderator, id, item.close);
  }
  if (plan.leave === 'IN_SESSION') return;

  const open = items.filter((i) => !plan.items.some((p) => p.key === i.key && p.close));
  if (open.length) throw new Error(`Demo meeting: a report is adopted once every item is closed (open: ${open.map((i) => i.key).join(', ')})`);
  await meetings.close(moderator, meeting.id);
  await meetings.adoptReport(secretariat, meeting.id);
  await workflow.advance(secretariat, instrumentId, 'GB_SUBMISSION');
}

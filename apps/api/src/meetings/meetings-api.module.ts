import { Module } from '@nestjs/common';
import { LiveModule } from '@tripartite/live';
import { MeetingsModule } from '@tripartite/meetings';
import {
  AgendaItemResolver,
  AmendmentResolver,
  ExpertsMeetingResolver,
  GroupPositionResolver,
  InstrumentMeetingsResolver,
  ParticipantResolver,
  VoteRecordResolver,
} from './meetings.resolver';
import { BoardLinksResolver } from './board-links.resolver';
import { TallyUpdatedResolver } from './tally-updated.resolver';

/** The experts' meeting's GraphQL surface (its loaders are composed in graphql/loaders.ts). */
@Module({
  imports: [MeetingsModule, LiveModule],
  providers: [
    ExpertsMeetingResolver,
    ParticipantResolver,
    AgendaItemResolver,
    AmendmentResolver,
    GroupPositionResolver,
    VoteRecordResolver,
    InstrumentMeetingsResolver,
    TallyUpdatedResolver,
    BoardLinksResolver,
  ],
})
export class MeetingsApiModule {}

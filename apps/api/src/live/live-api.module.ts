import { Module } from '@nestjs/common';
import { ConsultationModule } from '@tripartite/consultation';
import { DraftingModule } from '@tripartite/drafting';
import { LiveModule } from '@tripartite/live';
import { NotificationsModule } from '@tripartite/notifications';
import { WorkflowModule } from '@tripartite/workflow';
import { LoadersModule } from '../graphql/loaders.module';
import { LiveFeeds } from './live-feeds';
import { LiveResolver } from './live.resolver';

/** stageChanged, commentSubmitted, notificationAdded (served over graphql-ws: see ws-server.ts and graphql.options.ts). */
@Module({
  imports: [LiveModule, DraftingModule, WorkflowModule, ConsultationModule, NotificationsModule, LoadersModule],
  providers: [LiveFeeds, LiveResolver],
  exports: [LiveFeeds],
})
export class LiveApiModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@tripartite/events';
import { LiveModule } from '@tripartite/live';
import { StageTransitionRepository } from './repositories/stage-transition.repository';
import { StageTransitionEntity } from './stage-transition.entity';
import { WorkflowHooks } from './workflow-hooks';
import { WorkflowLiveSubscriber } from './workflow-live.subscriber';
import { WorkflowService } from './workflow.service';

/** Stage moves: the table stage_transition. The instrument row is drafting's, lent through WorkflowHooks.useInstruments. */
@Module({
  imports: [EventsModule, LiveModule, TypeOrmModule.forFeature([StageTransitionEntity])],
  providers: [WorkflowHooks, WorkflowService, StageTransitionRepository, WorkflowLiveSubscriber],
  exports: [WorkflowHooks, WorkflowService],
})
export class WorkflowModule {}

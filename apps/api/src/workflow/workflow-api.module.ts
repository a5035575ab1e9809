import { Module } from '@nestjs/common';
import { WorkflowModule } from '@tripartite/workflow';
import { StageTransitionResolver, WorkflowResolver } from './workflow.resolver';

/** advanceStage, and an instrument's nextStages and stageHistory (its loader is composed in graphql/loaders.ts). */
@Module({
  imports: [WorkflowModule],
  providers: [WorkflowResolver, StageTransitionResolver],
})
export class WorkflowApiModule {}

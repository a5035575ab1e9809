import { Global, Module } from '@nestjs/common';
import { LiveModule } from '@tripartite/live';
import { WorkflowHooks } from './workflow-hooks';
import { WorkflowService } from './workflow.service';

@Global()
@Module({ imports: [LiveModule], providers: [WorkflowHooks, WorkflowService], exports: [WorkflowHooks, WorkflowService] })
export class WorkflowModule {}

import { Global, Module } from '@nestjs/common';
import { WorkflowHooks } from './workflow-hooks';
import { WorkflowService } from './workflow.service';

@Global()
@Module({ providers: [WorkflowHooks, WorkflowService], exports: [WorkflowHooks, WorkflowService] })
export class WorkflowModule {}

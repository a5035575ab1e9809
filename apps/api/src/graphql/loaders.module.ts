import { Module } from '@nestjs/common';
import { AuthModule } from '@tripartite/auth';
import { ConsultationModule } from '@tripartite/consultation';
import { DraftingModule } from '@tripartite/drafting';
import { GoverningBodyModule } from '@tripartite/governing-body';
import { MeetingsModule } from '@tripartite/meetings';
import { WorkflowModule } from '@tripartite/workflow';
import { DraftingLoadersFactory } from '../drafting/drafting.loaders';
import { LoadersFactory } from './loaders';

/** The per-request loaders read through each capability's exported services. */
@Module({
  imports: [AuthModule, WorkflowModule, DraftingModule, ConsultationModule, MeetingsModule, GoverningBodyModule],
  providers: [LoadersFactory, DraftingLoadersFactory],
  exports: [LoadersFactory],
})
export class LoadersModule {}

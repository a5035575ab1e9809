import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DraftVersionEntity } from './draft-version.entity';
import { DraftingReadService } from './drafting-read.service';
import { DraftingService } from './drafting.service';
import { GuidelineEntity } from './guideline.entity';
import { InstrumentEntity } from './instrument.entity';
import { SectionEntity } from './section.entity';

/** Instruments, versions, sections, guidelines. Needs DatabaseModule and AuditModule (both global). */
@Module({
  imports: [TypeOrmModule.forFeature([InstrumentEntity, DraftVersionEntity, SectionEntity, GuidelineEntity])],
  providers: [DraftingService, DraftingReadService],
  exports: [DraftingService, DraftingReadService, TypeOrmModule],
})
export class DraftingModule {}

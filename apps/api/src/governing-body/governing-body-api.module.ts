import { Module } from '@nestjs/common';
import { DraftingModule } from '@tripartite/drafting';
import { GoverningBodyModule } from '@tripartite/governing-body';
import { PaperDocxController } from './paper-docx.controller';
import { PaperPdfController } from './paper-pdf.controller';
import { GoverningBodySessionResolver, GoverningBodySubmissionResolver, InstrumentSubmissionResolver } from './governing-body.resolver';

/** The Governing Body's GraphQL surface (its loaders are composed in graphql/loaders.ts). */
@Module({
  imports: [GoverningBodyModule, DraftingModule],
  controllers: [PaperDocxController, PaperPdfController],
  providers: [GoverningBodySessionResolver, GoverningBodySubmissionResolver, InstrumentSubmissionResolver],
})
export class GoverningBodyApiModule {}

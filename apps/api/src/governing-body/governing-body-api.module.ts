import { Module } from '@nestjs/common';
import { GoverningBodyModule } from '@tripartite/governing-body';
import { GoverningBodySessionResolver, GoverningBodySubmissionResolver, InstrumentSubmissionResolver } from './governing-body.resolver';

/** The Governing Body's GraphQL surface (its loaders are composed in graphql/loaders.ts). */
@Module({
  imports: [GoverningBodyModule],
  providers: [GoverningBodySessionResolver, GoverningBodySubmissionResolver, InstrumentSubmissionResolver],
})
export class GoverningBodyApiModule {}

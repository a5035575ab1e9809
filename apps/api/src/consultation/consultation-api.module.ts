import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@tripartite/config';
import { CONSULTATION_METRICS, ConsultationModule } from '@tripartite/consultation';
import { metricsRegistry } from '@tripartite/health';
import {
  CommentConnectionResolver,
  CommentResolver,
  ConsultationRoundResolver,
  DispositionRecordResolver,
  InstrumentRoundsResolver,
} from './consultation.resolver';
import { ExportsController } from './exports.controller';

/** Consultation's GraphQL surface and its CSV export (its loaders are composed in graphql/loaders.ts). */
@Module({
  imports: [ConfigModule, ConsultationModule],
  controllers: [ExportsController],
  providers: [ConsultationRoundResolver, CommentResolver, CommentConnectionResolver, DispositionRecordResolver, InstrumentRoundsResolver],
})
export class ConsultationApiModule implements OnModuleInit {
  /** The API's GET /metrics (health's registry) lists consultation's measures, as it always has. */
  onModuleInit(): void {
    for (const metric of CONSULTATION_METRICS) metricsRegistry.registerMetric(metric);
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuthPaperReadModel } from '@tripartite/auth';
import { ConsultationPaperReadModel } from '@tripartite/consultation';
import { RecipientResolvers } from '@tripartite/notifications';

/**
 * Who hears of a Governing Body decision: the secretariat, and the constituents of every organization invited
 * to a round on the instrument (gb.deadline goes to the secretariat, built into the registry).
 */
@Injectable()
export class GbRecipients implements OnModuleInit {
  constructor(
    private readonly recipients: RecipientResolvers,
    private readonly consultation: ConsultationPaperReadModel,
    private readonly auth: AuthPaperReadModel,
  ) {}

  onModuleInit(): void {
    this.recipients.register('gb.decided', async (em, event) => {
      if (!event.instrumentId) return [];
      return this.auth.secretariatAndConstituentsOf(em, await this.consultation.invitedOrganizationIds(em, event.instrumentId));
    });
  }
}

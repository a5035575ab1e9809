import { Injectable, OnModuleInit } from '@nestjs/common';
import { RecipientResolvers } from '@tripartite/notifications';

// The secretariat, and the constituents of every organization invited to a round on the instrument.
const SECRETARIAT_AND_CONSULTED = `
  SELECT u.id FROM app_user u WHERE 'SECRETARIAT' = ANY(u.roles)
  UNION
  SELECT u.id FROM app_user u
   WHERE 'CONSTITUENT' = ANY(u.roles)
     AND u.organization_id IN (SELECT ri.organization_id FROM round_invitation ri
                                 JOIN consultation_round r ON r.id = ri.round_id WHERE r.instrument_id = $1)`;

/** Who hears of a Governing Body decision (gb.deadline goes to the secretariat, built into the registry). */
@Injectable()
export class GbRecipients implements OnModuleInit {
  constructor(private readonly recipients: RecipientResolvers) {}

  onModuleInit(): void {
    this.recipients.register('gb.decided', async (em, event) => {
      if (!event.instrumentId) return [];
      const rows: { id: string }[] = await em.query(SECRETARIAT_AND_CONSULTED, [event.instrumentId]);
      return rows.map((r) => r.id);
    });
  }
}

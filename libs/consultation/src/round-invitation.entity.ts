import { Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** An organization invited to a round; the list is fixed when the round is scheduled. Migration 1764202000000-consultation. */
@Entity('round_invitation')
@Index('round_invitation_organization_idx', ['organizationId'])
export class RoundInvitationEntity {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('ConsultationRoundEntity', { name: 'round_invitation_round_id_fkey' })
  roundId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('OrganizationEntity', { name: 'round_invitation_organization_id_fkey' })
  organizationId: string;
}

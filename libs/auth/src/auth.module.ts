import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@tripartite/events';
import { AccessGuard } from './access.guard';
import { AdminService } from './admin.service';
import { AuthLiveSubscriber } from './auth-live.subscriber';
import { AuthService } from './auth.service';
import { IdentityReadModel } from './identity.read-model';
import { LoginRateLimiter } from './login-rate-limiter';
import { AuthPaperReadModel } from './read-models/paper.read-model';
import { OrganizationEntity } from './organization.entity';
import { NotificationRecipients } from './read-models/recipients.read-model';
import { MeetingsAuthReadModel } from './read-models/meetings.read-model';
import { OrganizationRepository, SessionRepository, UserRepository } from './repositories';
import { ConsultationAuthReadModel } from './read-models/consultation.read-model';
import { SessionPrincipals } from './session-principals';
import { AuthSessionEntity, RefreshTokenEntity } from './session.entity';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { UserEntity } from './user.entity';

/**
 * Identity and sessions: the tables organization, app_user, auth_session and auth_refresh_token. Needs
 * DatabaseModule, ConfigModule and RedisModule (the application's).
 */
@Module({
  // The entities describe the tables (selectList reads their metadata); only this module's repositories query them.
  imports: [EventsModule, TypeOrmModule.forFeature([UserEntity, OrganizationEntity, AuthSessionEntity, RefreshTokenEntity])],
  providers: [
    SessionPrincipals,
    SessionsService,
    TokensService,
    AuthService,
    AdminService,
    LoginRateLimiter,
    AccessGuard,
    AuthLiveSubscriber,
    IdentityReadModel,
    UserRepository,
    OrganizationRepository,
    SessionRepository,
    AuthPaperReadModel,
    NotificationRecipients,
    MeetingsAuthReadModel,
    ConsultationAuthReadModel,
  ],
  exports: [
    SessionPrincipals,
    TokensService,
    AuthService,
    AdminService,
    AccessGuard,
    IdentityReadModel,
    AuthPaperReadModel,
    NotificationRecipients,
    MeetingsAuthReadModel,
    ConsultationAuthReadModel,
  ],
})
export class AuthModule {}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { AdminService } from './admin.service';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';
import { AuthPaperReadModel } from './read-models/paper.read-model';
import { OrganizationEntity } from './organization.entity';
import { NotificationRecipients } from './read-models/recipients.read-model';
import { MeetingsAuthReadModel } from './read-models/meetings.read-model';
import { SessionPrincipals } from './session-principals';
import { AuthSessionEntity, RefreshTokenEntity } from './session.entity';
import { SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { UserEntity } from './user.entity';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, OrganizationEntity, AuthSessionEntity, RefreshTokenEntity])],
  providers: [
    SessionPrincipals,
    SessionsService,
    TokensService,
    AuthService,
    AdminService,
    LoginRateLimiter,
    AccessGuard,
    AuthPaperReadModel,
    NotificationRecipients,
    MeetingsAuthReadModel,
  ],
  exports: [
    SessionPrincipals,
    TokensService,
    AuthService,
    AdminService,
    AccessGuard,
    TypeOrmModule,
    AuthPaperReadModel,
    NotificationRecipients,
    MeetingsAuthReadModel,
  ],
})
export class AuthModule {}

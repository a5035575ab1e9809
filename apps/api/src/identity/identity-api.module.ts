import { Module } from '@nestjs/common';
import { AuthModule } from '@tripartite/auth';
import { IdentityResolver } from './identity.resolver';
import { SessionController } from './session.controller';

/** Sign-in, users and organizations over GraphQL; the session cookie's endpoints (POST /auth/refresh, /auth/logout). */
@Module({
  imports: [AuthModule],
  controllers: [SessionController],
  providers: [IdentityResolver],
})
export class IdentityApiModule {}

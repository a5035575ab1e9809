import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor, AppError } from '@tripartite/common';
import { LoginRateLimiter } from './login-rate-limiter';
import { DUMMY_HASH, verifyPassword } from './password';
import { TokensService } from './tokens.service';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

export interface LoginResult {
  accessToken: string;
  expiresAt: Date;
  user: UserEntity;
}

const BAD_CREDENTIALS = 'Invalid email or password';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    private readonly tokens: TokensService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async login(email: string, password: string, client: string): Promise<LoginResult> {
    const normalized = email.trim().toLowerCase();
    await this.limiter.beforeAttempt(normalized, client);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = :email', { email: normalized })
      .getOne();
    // Unknown email and wrong password take the same path and the same time.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await this.limiter.recordFailure(normalized);
      throw AppError.unauthenticated(BAD_CREDENTIALS);
    }
    await this.limiter.recordSuccess(normalized);
    const actor = await this.actorOf(user);
    return { ...this.tokens.issue(actor), user };
  }

  async actorOf(user: UserEntity): Promise<Actor> {
    const org = user.organizationId ? await this.organizations.findOneBy({ id: user.organizationId }) : null;
    return { userId: user.id, roles: user.roles, organizationId: user.organizationId, group: org?.group ?? null };
  }
}

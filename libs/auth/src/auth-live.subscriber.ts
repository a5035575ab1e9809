import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '@tripartite/events';
import { SessionPrincipals } from './session-principals';

/**
 * Once a change to a user's access or a session has committed, every api instance forgets what it makes stale
 * (and re-checks its open WebSockets): the user's next request anywhere is judged as the database now says.
 */
@Injectable()
export class AuthLiveSubscriber implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly principals: SessionPrincipals,
  ) {}

  onModuleInit(): void {
    this.bus.afterCommit(
      ['user.deactivated', 'user.rolesChanged', 'user.languageChanged', 'user.updated', 'user.reactivated'],
      'live',
      AuthLiveSubscriber.name,
      (event) => this.principals.changed({ userId: event.entityId }),
    );
    // Sessions are cached by id, not by organization: an organization's new default (rare, an admin's) drops them all.
    this.bus.afterCommit(['organization.defaultLanguageChanged'], 'live', AuthLiveSubscriber.name, () => this.principals.changed({ all: true }));
    this.bus.afterCommit(['session.refreshTokenReused'], 'live', AuthLiveSubscriber.name, (event) =>
      this.principals.changed({ sessionId: event.data.sessionId }),
    );
  }
}

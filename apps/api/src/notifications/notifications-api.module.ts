import { Module } from '@nestjs/common';
import { DraftingModule } from '@tripartite/drafting';
import { NotificationsModule } from '@tripartite/notifications';
import { EmailPreferencesResolver } from './email-preferences.resolver';
import { NotificationsResolver } from './notifications.resolver';
import { UnsubscribeController } from './unsubscribe.controller';
import { UndeliveredEmailsResolver } from './undelivered-emails.resolver';
import { WebhooksResolver } from './webhooks.resolver';

/** Notifications' GraphQL surface: the caller's inbox, email preferences, webhooks and undelivered emails (ADMIN). */
@Module({
  imports: [NotificationsModule, DraftingModule],
  controllers: [UnsubscribeController],
  providers: [NotificationsResolver, WebhooksResolver, UndeliveredEmailsResolver, EmailPreferencesResolver],
})
export class NotificationsApiModule {}

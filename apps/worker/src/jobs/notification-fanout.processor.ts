import { Injectable } from '@nestjs/common';
import { FanoutResult, NotificationFanout } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

@Injectable()
@JobHandler('notifications', 'notification.fanout')
export class NotificationFanoutProcessor implements HandlesJob<'notifications', 'notification.fanout'> {
  constructor(private readonly fanout: NotificationFanout) {}

  handle({ eventId }: JobPayload<'notifications', 'notification.fanout'>): Promise<FanoutResult> {
    return this.fanout.fanOut(eventId);
  }
}

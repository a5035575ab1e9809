import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@tripartite/auth';
import { AppError, ErrorCode } from '@tripartite/common';
import { NotificationInbox } from '@tripartite/notifications';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Email notifications</title></head><body>${body}</body></html>`;

/**
 * The one-click unsubscribe of every email's List-Unsubscribe header (RFC 8058): POST /email/unsubscribe?token=...
 * turns email off for the kind and user the signed token names. No session, no CSRF header: the mail client posts it
 * with no cookie, and the token is the proof. GET shows a page with the button and changes nothing (link scanners
 * follow GETs).
 */
@Controller('email')
export class UnsubscribeController {
  constructor(private readonly inbox: NotificationInbox) {}

  @Public()
  @Post('unsubscribe')
  @HttpCode(200)
  async unsubscribe(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    try {
      const { kind, changed } = await this.inbox.unsubscribe(token);
      return changed ? `Emails about "${kind}" are turned off.\n` : `Emails about "${kind}" were already off.\n`;
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.BAD_USER_INPUT) {
        res.status(400);
        return 'This unsubscribe link is not valid.\n';
      }
      throw error;
    }
  }

  @Public()
  @Get('unsubscribe')
  confirm(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): string {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (typeof token !== 'string' || !token) {
      res.status(400);
      return page('<p>This unsubscribe link is not valid.</p>');
    }
    const action = `/email/unsubscribe?token=${encodeURIComponent(token)}`;
    return page(
      `<form method="post" action="${escape(action)}"><p>Turn off these emails? In-app notifications continue.</p><button type="submit">Unsubscribe</button></form>`,
    );
  }
}

import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '@tripartite/auth';
import { AppError, ErrorCode } from '@tripartite/common';
import { NotificationInbox, unsubscribeConfirmPage, unsubscribeResult } from '@tripartite/notifications';

/**
 * The one-click unsubscribe of every email's List-Unsubscribe header (RFC 8058): POST /email/unsubscribe?token=...
 * turns email off for the kind and user the signed token names. No session, no CSRF header: the mail client posts it
 * with no cookie, and the token is the proof. GET shows a page with the button and changes nothing (link scanners
 * follow GETs). Both answer in the language of the person the token names.
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
      const outcome = await this.inbox.unsubscribe(token);
      res.setHeader('Content-Language', outcome.language.toLowerCase());
      return unsubscribeResult(outcome.language, outcome);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.BAD_USER_INPUT) {
        res.status(400);
        return unsubscribeResult(null, null);
      }
      throw error;
    }
  }

  @Public()
  @Get('unsubscribe')
  async confirm(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    const target = await this.inbox.unsubscribeTarget(token);
    if (!target || typeof token !== 'string') {
      res.status(400);
      return unsubscribeConfirmPage(null, null, null);
    }
    res.setHeader('Content-Language', target.language.toLowerCase());
    return unsubscribeConfirmPage(target.language, `/email/unsubscribe?token=${encodeURIComponent(token)}`, target.kind);
  }
}

import type { Request, Response } from 'express';
import { AppError } from '@tripartite/common';

/** The refresh token's cookie: HttpOnly (no script reads it), SameSite=Strict, sent only to /auth. */
export const REFRESH_COOKIE = 'tripartite_refresh';
export const REFRESH_COOKIE_PATH = '/auth';

// A browser-session cookie (no Max-Age): gone when the browser closes; the server ends the session anyway.
const options = (req: Request) => ({ httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: REFRESH_COOKIE_PATH });

export function setRefreshCookie(req: Request, res: Response, token: string): void {
  res.cookie(REFRESH_COOKIE, token, options(req));
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, options(req));
}

export function readRefreshCookie(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === REFRESH_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/**
 * The cookie endpoints answer only requests carrying X-Requested-With: a header no form or link can send, and
 * which a script of another origin may send only after a CORS preflight this api does not grant (on top of
 * SameSite=Strict).
 */
export function requireCsrfHeader(req: Request): void {
  const value = req.headers['x-requested-with'];
  if (typeof value !== 'string' || value.trim() === '') throw AppError.forbidden('This endpoint needs the X-Requested-With header');
}

// Files for the secretariat: a Blob offered as a download (the export needs the bearer token, which a
// plain link cannot send).
import { freshAccessToken, refreshOrEnd } from '../../auth/session';
import { problemWords, type Problem, type ProblemCode } from '../../ui/errors';

/** Offers `blob` to the browser as a file named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to have started reading it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const CODES = new Set<string>(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR']);

function problem(code: ProblemCode, detail: string | null = null): Problem {
  return { code, title: problemWords(code), detail, fields: [], blockers: [], retryAfterSeconds: null };
}

/** The filename of a Content-Disposition header, or `fallback`. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = header ? /filename="([^"]+)"/.exec(header) : null;
  return match ? match[1] : fallback;
}

/** GETs an authenticated file and offers it for download; a Problem when the server refused. */
export async function downloadWithToken(path: string, token: string, fallbackName: string): Promise<{ filename: string } | { problem: Problem }> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${(await freshAccessToken()) ?? token}` }, cache: 'no-store' });
  } catch {
    return { problem: problem('NETWORK') };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    const raw = body?.error?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : response.status === 404 ? 'NOT_FOUND' : 'INTERNAL_SERVER_ERROR');
    const code = (CODES.has(raw) ? raw : 'INTERNAL_SERVER_ERROR') as ProblemCode;
    if (code === 'UNAUTHENTICATED') void refreshOrEnd();
    return { problem: problem(code, code === 'INTERNAL_SERVER_ERROR' ? null : (body?.error?.message ?? null)) };
  }
  const filename = attachmentName(response.headers.get('content-disposition'), fallbackName);
  saveBlob(await response.blob(), filename);
  return { filename };
}

/**
 * The paths of the browser client (apps/web/src/routes.tsx): the api answers them with index.html and
 * the client's router takes over. Anything else keeps its own meaning (a 404 stays a 404).
 */
export const CLIENT_ROUTE_PREFIXES = ['signin', 'rounds', 'meetings', 'desk', 'administration', 'settings', 'room'] as const;

export function isClientRoute(path: string): boolean {
  if (path === '/') return true;
  const first = path.split('/')[1] ?? '';
  return (CLIENT_ROUTE_PREFIXES as readonly string[]).includes(first);
}

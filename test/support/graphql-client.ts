export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GqlResponse<T = any> {
  status: number;
  data: T | null;
  errors?: GqlError[];
}

/** POSTs a GraphQL operation over HTTP, as any client would. */
export async function gqlRequest<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string | null,
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: GqlError[] };
  return { status: res.status, data: body.data ?? null, errors: body.errors };
}

/** The data of a successful operation; fails the test with the errors otherwise. */
export function ok<T>(response: GqlResponse<T>): T {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}

/** The first error's code (and the error) of a failed operation. */
export function errorOf(response: GqlResponse): GqlError & { code: string } {
  const error = response.errors?.[0];
  if (!error) throw new Error(`expected an error, got data ${JSON.stringify(response.data)}`);
  return { ...error, code: String(error.extensions?.code) };
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
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

/** A document typed by test/codegen.ts (`graphql(...)` from test/gql), or a plain string (untyped, for documents meant to be wrong). */
export type Document<T = any, V = Record<string, unknown>> = TypedDocumentNode<T, V> | string;

/** The printed text of a document (typed documents are parsed ASTs). */
export const documentText = (document: Document<unknown, never>): string => (typeof document === 'string' ? document : print(document));

/** A typed document as plain text: for loops over several documents whose variables differ (their answers unread). */
export const untyped = (document: TypedDocumentNode<any, any>): string => print(document);

/** POSTs a GraphQL operation over HTTP, as any client would. */
export async function gqlRequest<T = any>(
  url: string,
  document: Document<T, never>,
  variables: Record<string, unknown> = {},
  token?: string | null,
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query: documentText(document), variables }),
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

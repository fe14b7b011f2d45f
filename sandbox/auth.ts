/**
 * Auth like bcrumbs: the raw API key in the `authorization` header (no
 * "Bearer"), and each key belongs to one workspace. Failures are HTTP 200
 * with a FORBIDDEN GraphQL error and `data: null`, which is what clients see.
 */
import { GraphQLError } from 'graphql';
import type { ApiKey } from './types';

export const SANDBOX_API_KEY = 'bck_sandbox_0123456789abcdef';
export const DEFAULT_WORKSPACE_ID = 12;

export const FORBIDDEN_MESSAGE = 'Forbidden: invalid API key or workspace';
export const FORBIDDEN_CODE = 'FORBIDDEN';

/** The exact response body bcrumbs sends for a rejected key or workspace. */
export const FORBIDDEN_BODY = {
	errors: [{ message: FORBIDDEN_MESSAGE, extensions: { code: FORBIDDEN_CODE } }],
	data: null,
};

export function forbiddenError(): GraphQLError {
	return new GraphQLError(FORBIDDEN_MESSAGE, { extensions: { code: FORBIDDEN_CODE } });
}

/** The workspace the key grants, or undefined for a missing/unknown key. */
export function workspaceForKey(
	apiKeys: ApiKey[],
	authorization: string | undefined,
): number | undefined {
	if (!authorization) return undefined;
	return apiKeys.find((k) => k.key === authorization.trim())?.workspaceId;
}

/** Context every resolver gets: the workspace the caller's key belongs to. */
export interface AuthContext {
	authWorkspaceId: number;
}

/** Resolvers call this with the input's workspaceId: other workspaces are forbidden. */
export function assertWorkspace(context: AuthContext, workspaceId: number): void {
	if (context.authWorkspaceId !== workspaceId) throw forbiddenError();
}

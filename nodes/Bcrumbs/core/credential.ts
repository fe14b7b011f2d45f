/** The credential both bcrumbs nodes use: the API key of the workspace and its gateway. */
export const CREDENTIAL_TYPE = 'bcrumbsApi';

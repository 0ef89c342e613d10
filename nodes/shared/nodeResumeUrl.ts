import type { IExecuteFunctions } from 'n8n-workflow';

/** The query parameter n8n 2.x reads a waiting execution's resume token from. */
const RESUME_TOKEN_PARAMETER = 'signature';

/**
 * The URL that resumes this node's waiting execution, with `parameters` in its query.
 *
 * n8n 2.x accepts a request to a waiting webhook only when it carries the execution's resume
 * token, which `$execution.resumeUrl` holds; it accepts the HMAC of `getSignedResumeUrl` only for
 * its own send-and-wait nodes. n8n 1.x has no resume token and accepts the signed URL. So the token
 * is used where there is one, and the signed URL otherwise: one URL shape per n8n, never both.
 */
export function nodeResumeUrl(context: IExecuteFunctions, parameters: Record<string, string>): string {
	const { url, resumeToken } = executionResumeUrl(context);
	if (resumeToken === '') return context.getSignedResumeUrl(parameters);
	url.pathname = `${url.pathname.replace(/\/$/, '')}/${encodeURIComponent(context.getNode().id)}`;
	url.search = '';
	for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
	url.searchParams.set(RESUME_TOKEN_PARAMETER, resumeToken);
	return url.toString();
}

/**
 * Whether this n8n gives waiting executions a resume token: n8n 2.x does, n8n 1.x does not. It
 * tells the two apart where a node cannot ask n8n for its version.
 */
export function isN8nWithResumeTokens(context: IExecuteFunctions): boolean {
	return executionResumeUrl(context).resumeToken !== '';
}

/** The execution's resume URL (`$execution.resumeUrl`) and its resume token ('' on n8n 1.x). */
function executionResumeUrl(context: IExecuteFunctions): { url: URL; resumeToken: string } {
	const url = new URL(String(context.getWorkflowDataProxy(0).$execution.resumeUrl));
	return { url, resumeToken: url.searchParams.get(RESUME_TOKEN_PARAMETER) ?? '' };
}

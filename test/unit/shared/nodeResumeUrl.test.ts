import type { IExecuteFunctions } from 'n8n-workflow';

import { nodeResumeUrl } from '../../../nodes/shared/nodeResumeUrl';

function contextWith(executionResumeUrl: string): IExecuteFunctions {
	return {
		getWorkflowDataProxy: () => ({ $execution: { resumeUrl: executionResumeUrl } }),
		getNode: () => ({ id: 'node 7/a' }),
		getSignedResumeUrl: (parameters: Record<string, string>) => `signed:${new URLSearchParams(parameters).toString()}`,
	} as unknown as IExecuteFunctions;
}

describe('nodeResumeUrl', () => {
	it('on n8n 2.x uses the execution resume token, the node id as the path and keeps the parameters', () => {
		const url = new URL(nodeResumeUrl(contextWith('https://n8n.example.com/webhook-waiting/42?signature=tok123'), { step: 'agent-answer', agent: '0' }));
		expect(url.origin + url.pathname).toBe('https://n8n.example.com/webhook-waiting/42/node%207%2Fa');
		expect(Object.fromEntries(url.searchParams)).toEqual({ step: 'agent-answer', agent: '0', signature: 'tok123' });
	});

	it('a parameter called signature cannot replace the resume token', () => {
		const url = new URL(nodeResumeUrl(contextWith('http://localhost:5678/webhook-waiting/9?signature=real'), { signature: 'forged' }));
		expect(url.searchParams.getAll('signature')).toEqual(['real']);
	});

	it('on n8n 1.x, where the execution has no resume token, signs the URL with the instance secret', () => {
		expect(nodeResumeUrl(contextWith('http://localhost:5678/webhook-waiting/9'), { step: 'status' })).toBe('signed:step=status');
	});
});

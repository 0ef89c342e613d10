import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CallbackReport } from '../../../nodes/CallbackReport/CallbackReport.node';
import { StatusTagNamesError } from '../../../nodes/core/callbackStore';
import { readStatusTagNames } from '../../../nodes/shared/statusTagNamesProperty';
import { TagRouter } from '../../../nodes/TagRouter/TagRouter.node';

/** The labels a node's Tag Names parameter offers in the editor. */
function tagNameLabels(properties: INodeProperties[]): string[] {
	const tagNames = properties.find((property) => property.name === 'tagNames');
	return (tagNames?.options ?? []).map((option) => ('displayName' in option ? option.displayName : option.name));
}

function contextWith(tagNames: Record<string, string>): IExecuteFunctions {
	return { getNodeParameter: (name: string) => (name === 'tagNames' ? tagNames : undefined) } as unknown as IExecuteFunctions;
}

describe('Tag Names', () => {
	it('Tag Router offers every status tag, the opt-out tag and the no-show tag it adds', () => {
		expect(tagNameLabels(new TagRouter().description.properties)).toEqual(['Cancelled Tag', 'Complete Tag', 'Failed Tag', 'Incomplete Tag', 'No-Show Tag', 'Pending Tag', 'SMS Opt-Out Tag']);
	});

	it('the Callback Report offers the tags it finds and counts callbacks by, not the no-show tag', () => {
		expect(tagNameLabels(new CallbackReport().description.properties)).toEqual(['Cancelled Tag', 'Complete Tag', 'Failed Tag', 'Incomplete Tag', 'Pending Tag', 'SMS Opt-Out Tag']);
	});

	it('reads changed names, trimmed, and keeps the defaults for the rest', () => {
		const read = readStatusTagNames(contextWith({ completeTag: '  Reached ', optOutTag: 'No texts', noShowTag: '' }));
		expect(read.tagNames.complete).toBe('Reached');
		expect(read.tagNames.pending).toBe('Request to Callback Pending');
		expect(read.optOutTag).toBe('No texts');
		expect(read.noShowTag).toBe('Callback No-Show');
	});

	it('refuses two statuses with one tag, naming both', () => {
		expect(() => readStatusTagNames(contextWith({ completeTag: 'Done', failedTag: 'Done' }))).toThrow(StatusTagNamesError);
		expect(() => readStatusTagNames(contextWith({ completeTag: 'Done', failedTag: 'Done' }))).toThrow(/complete.*failed|failed.*complete/);
	});
});

import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { createPageNonce, pageContentSecurityPolicy } from '../core/form/pageLayout';
import { checkAccessToken } from '../core/report/accessToken';
import { computeCallbackMetrics, type CallbackMetrics } from '../core/report/callbackMetrics';
import { metricRows } from '../core/report/metricDefinitions';
import { periodForChoice, type PeriodChoice } from '../core/report/periodChoice';
import { REQUEST_CHANNELS, type RequestChannel } from '../core/report/reportCallback';
import { lastWeek, reportPeriodOrLastWeek, ReportPeriodError, type ReportPeriod } from '../core/report/reportPeriod';
import { renderReportPage, renderReportRefusedPage } from '../core/report/renderReportPage';
import { reportSummaryText } from '../core/report/reportSummaryText';
import { objectAt } from '../shared/itemObject';
import { parameterText as text } from '../shared/nodeParameterText';
import { reportProperties } from './description/report.properties';
import { readReportCallbacks } from './readReportCallbacks';

type Operation = 'metrics' | 'page';

/** The metrics as one item: every figure with its definition, the breakdowns, a summary to send. */
function metricsItem(metrics: CallbackMetrics, unreadableRows: number): IDataObject {
	return {
		period: { ...metrics.period },
		channel: metrics.channel,
		figures: { ...metrics.figures },
		rows: metricRows(metrics) as unknown as IDataObject[],
		perDay: metrics.perDay as unknown as IDataObject[],
		perChannel: metrics.perChannel as unknown as IDataObject[],
		byAttempt: metrics.byAttempt as unknown as IDataObject[],
		timeToFirstCall: metrics.timeToFirstCall as unknown as IDataObject[],
		summary: reportSummaryText(metrics),
		unreadableRows,
	};
}

/** The headers the page must be sent with (Respond to Webhook sets them from the item). */
function pageHeaders(nonce: string): IDataObject {
	return {
		'content-type': 'text/html; charset=utf-8',
		'content-security-policy': pageContentSecurityPolicy(nonce),
		'cache-control': 'no-store',
		'x-robots-tag': 'noindex, nofollow',
		'referrer-policy': 'no-referrer',
	};
}

/**
 * The callback report: the figures an agency shows its client (requests, reach rate, time to
 * call, outcomes by attempt and by channel), read from the callback status store, as data or as
 * a page behind an access token.
 */
export class CallbackReport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callback Report',
		name: 'callbackReport',
		icon: { light: 'file:callbackReport.svg', dark: 'file:callbackReport.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "page" ? "Report page" : "Get metrics" }}',
		description: 'Counts requests, reach rate, time to call and outcomes from the callback status store (Data Table or HighLevel), as data or as a report page',
		defaults: { name: 'Callback Report' },
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'callbackHighLevelApi',
				required: true,
				displayOptions: { show: { store: ['highLevel'] } },
			},
		],
		properties: reportProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as Operation;
		const output: INodeExecutionData[] = [];
		const now = new Date();
		let callbacks: Awaited<ReturnType<typeof readReportCallbacks>> | undefined;
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const timezone = text(this, 'businessTimezone', itemIndex) || 'America/New_York';
				if (operation === 'page') {
					output.push({ json: await pagePayload(this, items[itemIndex].json, itemIndex, timezone, now, async () => (callbacks ??= await readReportCallbacks(this, itemIndex))), pairedItem: { item: itemIndex } });
					continue;
				}
				const period = periodForChoice(this.getNodeParameter('period', itemIndex, 'lastWeek') as PeriodChoice, now, timezone, {
					from: text(this, 'fromDate', itemIndex),
					to: text(this, 'toDate', itemIndex),
				});
				const channelChoice = text(this, 'channel', itemIndex);
				const channel = (REQUEST_CHANNELS as readonly string[]).includes(channelChoice) ? (channelChoice as RequestChannel) : undefined;
				callbacks ??= await readReportCallbacks(this, itemIndex);
				const metrics = computeCallbackMetrics(callbacks.callbacks, period, { channel, refusalTallies: callbacks.refusalTallies });
				output.push({ json: metricsItem(metrics, callbacks.unreadableRows), pairedItem: { item: itemIndex } });
			} catch (error) {
				const description = error instanceof ReportPeriodError ? 'Fix the period in the node settings.' : undefined;
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex, description });
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}

/**
 * The page for one request from a Webhook node (its query holds token, from and to): the report,
 * or a refusal that shows no figures. Dates typed wrong fall back to last week with a notice.
 */
async function pagePayload(
	context: IExecuteFunctions,
	json: IDataObject,
	itemIndex: number,
	timezone: string,
	now: Date,
	read: () => Promise<Awaited<ReturnType<typeof readReportCallbacks>>>,
): Promise<IDataObject> {
	const query = objectAt(json, 'query');
	const businessName = text(context, 'businessName', itemIndex);
	const nonce = createPageNonce();
	const access = checkAccessToken(text(context, 'accessToken', itemIndex), query.token);
	if (!access.allowed) {
		if (access.reason === 'notConfigured' || access.reason === 'tooShort') {
			context.logger?.warn(`Callback Report "${context.getNode().name}": the report page refuses every request until a Page Access Token of 20 characters or more is set.`);
		}
		return { statusCode: access.reason === 'notConfigured' || access.reason === 'tooShort' ? 403 : 401, refused: access.reason, headers: pageHeaders(nonce), html: renderReportRefusedPage({ businessName, nonce }) };
	}
	let period: ReportPeriod;
	let notice: string | undefined;
	try {
		period = reportPeriodOrLastWeek({ from: query.from, to: query.to, timezone }, now);
	} catch (error) {
		if (!(error instanceof ReportPeriodError)) throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		period = lastWeek(now, timezone);
		notice = `${error.message} Showing last week instead.`;
	}
	const { callbacks, refusalTallies } = await read();
	const metrics = computeCallbackMetrics(callbacks, period, { refusalTallies });
	return {
		statusCode: 200,
		headers: pageHeaders(nonce),
		html: renderReportPage({ businessName, metrics, token: String(query.token), nonce, notice, generatedAt: now }),
		period: { ...period },
	};
}

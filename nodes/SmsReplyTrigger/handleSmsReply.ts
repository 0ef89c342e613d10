import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { newCallbackId } from '../core/callbackRequest/newCallbackId';
import { emptyTwiml } from '../core/calls/bridgeTwiml';
import { canonicalZoneName } from '../core/schedule/ianaZone';
import { readTextReply, TEXT_REPLY_OUTPUTS } from '../core/sms';
import { answerTwiml, param, refuse, signedTwilioRequest } from '../shared/twilioVoiceWebhook';

/**
 * One text from a lead, posted by Twilio to the number's "A message comes in" URL. A request
 * without a valid signature of the account's auth token is refused (403) and starts nothing.
 * Twilio gets an empty TwiML answer at once: carriers answer STOP, START and HELP themselves,
 * and the workflow answers the rest with Send Callback SMS, which keeps the texting hours and
 * the opt-out list.
 */
export async function handleSmsReply(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = await signedTwilioRequest(context, context.getNodeWebhookUrl('default') ?? '');
	if (request === null) return refuse(context, 403, 'This request is not signed by Twilio for this number.');
	const from = param(request, 'From');
	const body = param(request, 'Body');
	if (!/^\+[1-9]\d{6,14}$/.test(from)) {
		// Short codes and alphanumeric senders cannot ask for a callback; nothing runs.
		return answerTwiml(context, emptyTwiml());
	}
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const businessTimezone = canonicalZoneName(String(options.businessTimezone ?? 'America/New_York')) ?? 'America/New_York';
	const { output, item } = readTextReply(
		{ from, to: param(request, 'To'), body, messageSid: param(request, 'MessageSid'), receivedAt: DateTime.now() },
		{ allowedCountries: context.getNodeParameter('allowedCountries', ['US', 'CA']) as string[], businessTimezone, newCallbackId },
	);
	const outputs: INodeExecutionData[][] = TEXT_REPLY_OUTPUTS.map(() => []);
	outputs[TEXT_REPLY_OUTPUTS.indexOf(output)].push({ json: item as unknown as IDataObject });
	return { ...answerTwiml(context, emptyTwiml()), workflowData: outputs };
}

import type { CallingNode } from '../shared/callRunner/runCallingNode';
import { isCallbackOver } from '../shared/waitingCall';
import { BRIDGE_KEY, notCalledResult, type BridgeCallPlaced, type BridgeCallResult } from './bridgeState';
import { placeBridgeCall } from './placeBridgeCall';
import { readBridgeSettings, type BridgeSettings } from './readBridgeSettings';
import { recoverBridgeCall } from './recoverBridgeCall';
import { parameterText } from '../shared/nodeParameterText';

export const enum BridgeOutput {
	CallEnded = 0,
	Connected = 1,
	NotConnected = 2,
}

/** What is particular to a bridge call; the runner does the rest (see runCallingNode). */
export const bridgeCalling: CallingNode<BridgeSettings, BridgeCallPlaced, BridgeCallResult> = {
	key: BRIDGE_KEY,
	label: 'Bridge Call',
	outputCount: 3,
	limitsLines: true,
	notCalledOutput: BridgeOutput.NotConnected,
	refusal(context, itemIndex) {
		const status = parameterText(context, 'callbackStatus', itemIndex);
		return isCallbackOver(status) ? { reason: 'canceled', text: `The callback is ${status.toLowerCase()}; nobody was called.` } : null;
	},
	leadPhone: (context, itemIndex) => ({ typed: parameterText(context, 'leadPhone', itemIndex), label: 'Lead Phone' }),
	readSettings: readBridgeSettings,
	place: placeBridgeCall,
	recover: recoverBridgeCall,
	notCalledResult,
	outputOf: (result) => (result.connected ? BridgeOutput.Connected : BridgeOutput.NotConnected),
};

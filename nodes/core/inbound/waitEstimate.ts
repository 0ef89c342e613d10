import { InboundSettingError } from './errors';

/**
 * Where the estimated wait comes from: a figure the user sets, or the queue of open callbacks
 * worked through by the agents, each callback taking the average handle time.
 */
export type WaitEstimateSettings = { kind: 'fixed'; minutes: number } | { kind: 'fromQueue'; averageHandleMinutes: number; agents: number };

function nonNegative(value: number, label: string): number {
	if (!Number.isFinite(value) || value < 0) throw new InboundSettingError(`${label} must be a number of minutes of 0 or more, got ${value}`);
	return value;
}

/** Checks the settings as typed in the node: minutes of 0 or more, and at least one agent. */
export function waitEstimateSettings(settings: WaitEstimateSettings): WaitEstimateSettings {
	if (settings.kind === 'fixed') return { kind: 'fixed', minutes: nonNegative(settings.minutes, 'Estimated Wait') };
	if (!Number.isInteger(settings.agents) || settings.agents < 1) {
		throw new InboundSettingError(`Agents must be a whole number of at least 1, got ${settings.agents}`);
	}
	return { kind: 'fromQueue', averageHandleMinutes: nonNegative(settings.averageHandleMinutes, 'Average Handle Time'), agents: settings.agents };
}

/**
 * The caller's expected wait in minutes, not rounded. From the queue: the open callbacks ahead
 * of the caller shared among the agents, who work in parallel, times the average handle time
 * (open × handle ÷ agents): 7 open callbacks of 6 minutes with 3 agents is 14 minutes.
 */
export function estimatedWaitMinutes(settings: WaitEstimateSettings, openCallbacks: number): number {
	const checked = waitEstimateSettings(settings);
	if (checked.kind === 'fixed') return checked.minutes;
	if (!Number.isInteger(openCallbacks) || openCallbacks < 0) throw new RangeError(`Open callbacks must be a whole number of 0 or more, got ${openCallbacks}`);
	return (openCallbacks * checked.averageHandleMinutes) / checked.agents;
}

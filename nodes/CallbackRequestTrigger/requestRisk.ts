import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_RISK_THRESHOLDS, riskSignals } from '../core/abuse/riskSignals';

/**
 * `callback.risk`: what the lead's number itself says (a toll-free, VoIP or pager line asks for a
 * look before anyone calls back) and, with rate limits on, bursts: how many other requests this
 * window has from the same address and the same number block, read off the counters this request
 * was just counted in (addresses or blocks sharing a counter row count together, so a burst may be
 * flagged early, never missed).
 */
export function riskOf(phone: string, counts: Partial<Record<'ip' | 'prefix' | 'global', number>> | undefined): IDataObject {
	const earlier = (count: number | undefined): number | undefined => (count === undefined ? undefined : Math.max(0, count - 1));
	return riskSignals({ phone, thresholds: DEFAULT_RISK_THRESHOLDS, recentSameIp: earlier(counts?.ip), recentSamePrefix: earlier(counts?.prefix) }) as unknown as IDataObject;
}

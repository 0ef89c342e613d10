import type { SandboxClock } from './clock';

/** Who ended a call leg, which decides its final status and what Twilio requests afterwards. */
export type HangupCause = 'party' | 'twiml' | 'api' | 'parent' | 'error' | 'bridge-ended';

export type LegInterrupt =
	| { kind: 'hangup'; cause: HangupCause }
	| { kind: 'redirect'; url: string | undefined; method: 'GET' | 'POST'; twiml: string | undefined };

/** Thrown out of whatever a leg was doing when it is hung up or redirected. */
export class LegInterrupted extends Error {
	constructor(readonly interrupt: LegInterrupt) {
		super(interrupt.kind === 'hangup' ? `leg hung up (${interrupt.cause})` : 'leg redirected');
		this.name = 'LegInterrupted';
	}
}

/**
 * The interruptible timeline of one call leg. TwiML execution waits through `wait` and
 * `race`; a hang-up (by the party, the API, the other leg) or a redirect through the API
 * breaks those waits at once, as it would cut a <Say> short on a real call.
 */
export class LegControl {
	private hangup: LegInterrupt | undefined;
	private redirect: LegInterrupt | undefined;
	private readonly listeners = new Set<(interrupt: LegInterrupt) => void>();
	private endedResolve: (() => void) | undefined;
	/** Resolves once the leg has hung up, whoever did it. */
	readonly hungUp: Promise<void>;

	constructor(private readonly clock: SandboxClock) {
		this.hungUp = new Promise((resolve) => {
			this.endedResolve = resolve;
		});
	}

	get hangupCause(): HangupCause | undefined {
		return this.hangup?.kind === 'hangup' ? this.hangup.cause : undefined;
	}

	get isHungUp(): boolean {
		return this.hangup !== undefined;
	}

	interrupt(interrupt: LegInterrupt): void {
		if (this.hangup !== undefined) return;
		if (interrupt.kind === 'hangup') {
			this.hangup = interrupt;
			this.endedResolve?.();
		} else this.redirect = interrupt;
		for (const listener of [...this.listeners]) listener(interrupt);
	}

	/** A pending API redirect, consumed by the caller that acts on it. */
	takeRedirect(): Extract<LegInterrupt, { kind: 'redirect' }> | undefined {
		const redirect = this.redirect;
		this.redirect = undefined;
		return redirect?.kind === 'redirect' ? redirect : undefined;
	}

	throwIfInterrupted(): void {
		const pending = this.hangup ?? this.redirect;
		if (pending !== undefined) throw new LegInterrupted(pending);
	}

	/** Waits `seconds` of call time, or throws as soon as the leg is hung up or redirected. */
	wait(seconds: number): Promise<void> {
		return this.race(this.clock.sleep(seconds));
	}

	race<T>(promise: Promise<T>): Promise<T> {
		this.throwIfInterrupted();
		return new Promise<T>((resolve, reject) => {
			const listener = (interrupt: LegInterrupt): void => {
				this.listeners.delete(listener);
				reject(new LegInterrupted(interrupt));
			};
			this.listeners.add(listener);
			promise.then(
				(value) => {
					this.listeners.delete(listener);
					resolve(value);
				},
				(error: unknown) => {
					this.listeners.delete(listener);
					reject(error instanceof Error ? error : new Error(String(error)));
				},
			);
		});
	}
}

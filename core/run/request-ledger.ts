import type { GenerationError, LedgerChange, LedgerEntry, LedgerPhase, RequestLedger, Store } from '../types/index.js';

interface Owner {
  store: Store;
  generationKey: string;
  generatorId: string;
  /** The claim this call belongs to (the generation's `attempts` after claiming it). */
  attempt: number;
  /** What one request is expected to cost; the row keeps it until the service says what it cost. */
  priceUsd: number | undefined;
  /** Called once a job id is known: the job is then bounded by the adapter's wait limit, not the scheduler's timeout. */
  onJobId: () => void;
}

/**
 * Failures that leave a sent request without a usable answer: no answer (a timeout, a broken
 * connection) or a 2xx answer that could not be read (cut off, no image in it). The service may
 * have made it and billed it.
 */
const NO_ANSWER = new Set(['timeout', 'network', 'cancelled', 'invalid-output']);

/**
 * The ledger one call of `generate` writes: the row of this call's paid request, opened by the
 * adapter's first `record`, and the row an earlier attempt left (`left`), which the adapter
 * takes over (`resume`) or which is settled as an unknown outcome when a new request replaces it.
 */
export class GenerationLedger implements RequestLedger {
  private id: number | undefined;
  private phase: LedgerPhase | undefined;
  private unusedReservation: number | undefined;

  constructor(
    private readonly owner: Owner,
    public left: LedgerEntry | undefined,
    /** A row the scheduler reserved within the run's budget: the adapter's first record is written to it. */
    reservedId?: number,
  ) {
    this.id = reservedId;
    this.phase = reservedId === undefined ? undefined : 'sending';
  }

  /** Whether this call opened or took over a row (adapters that pay for nothing never do). */
  get opened(): boolean {
    return this.id !== undefined;
  }

  resume(): void {
    const left = this.left;
    if (!left) throw new Error('no request was left to resume');
    // A reservation the adapter does not use (it took up the earlier request instead) bills nothing: settled after the call.
    this.unusedReservation = this.id;
    this.id = left.id;
    this.phase = left.phase;
    this.left = undefined;
    if (left.jobId !== null) this.owner.onJobId();
  }

  async record(phase: LedgerPhase, change: LedgerChange = {}): Promise<void> {
    const { store } = this.owner;
    if (this.id === undefined) {
      await this.settleLeft();
      const { generationKey, generatorId, attempt, priceUsd } = this.owner;
      this.id = await store.openLedgerEntry({ generationKey, generatorId, attempt, priceUsd: priceUsd ?? null, ...change, phase });
    } else {
      await store.updateLedgerEntry(this.id, { ...change, phase });
    }
    this.phase = phase;
    if (change.jobId !== undefined && change.jobId !== null && phase !== 'sending') this.owner.onJobId();
  }

  /**
   * After the adapter failed. A request still on the wire without an answer (a timeout, a broken
   * connection) is an unknown outcome; one the service answered with an error is failed. A job
   * keeps the phase its adapter gave it: failed or cancelled at the service, or still `polling`
   * (or `result-ready`) when the adapter stopped waiting on it, so that a resume picks it up.
   */
  async settleFailure(error: GenerationError): Promise<void> {
    if (this.phase === 'sending') {
      const unanswered = NO_ANSWER.has(error.category) && !/ECONNREFUSED/.test(error.message);
      await this.record(unanswered ? 'unknown' : 'failed', { message: error.message });
    } else if (this.id !== undefined) {
      await this.owner.store.updateLedgerEntry(this.id, { message: error.message });
    }
    await this.settleLeft();
  }

  /** The row an earlier attempt left and this call did not take over: whatever the service did with it is unknown. */
  async settleLeft(): Promise<void> {
    if (this.unusedReservation !== undefined) {
      await this.owner.store.updateLedgerEntry(this.unusedReservation, {
        phase: 'failed',
        message: 'reserved, not sent: an earlier request was picked up',
      });
      this.unusedReservation = undefined;
    }
    const left = this.left;
    if (!left) return;
    this.left = undefined;
    const what =
      left.phase === 'downloaded'
        ? 'downloaded, but the media is not in the media store'
        : left.jobId === null
          ? 'sent without an answer'
          : `job ${left.jobId}, not picked up again`;
    await this.owner.store.updateLedgerEntry(left.id, {
      phase: 'unknown',
      message: `${what} (attempt ${left.attempt}, last written ${left.updatedAt}); the service may have made and billed it`,
    });
  }
}

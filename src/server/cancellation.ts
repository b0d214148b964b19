// Why a running statement's calls were aborted. The reason rides on the AbortSignal, so
// the error the engine ends with can be reported for what stopped it.

export type CancelCause = 'statement_timeout' | 'cancel_request' | 'disconnected' | 'shutdown';

export class StatementCancelled extends Error {
  constructor(readonly why: CancelCause) {
    super(
      why === 'statement_timeout'
        ? 'canceling statement due to statement timeout'
        : why === 'cancel_request'
          ? 'canceling statement due to user request'
          : why === 'shutdown'
            ? 'terminating connection due to administrator command'
            : 'the client disconnected',
    );
  }
}

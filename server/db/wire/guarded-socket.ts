import net from 'node:net';
import { MessageGuard } from './message-guard';

/** CancelRequest's code in place of a protocol version (1234 << 16 | 5678). */
const CANCEL_REQUEST_CODE = 80877102;
/** A CancelRequest that gets no answer within this long is let go. */
const CANCEL_TIMEOUT_MS = 5_000;

/**
 * The TCP socket of one workspace session, handed to node-postgres through its `stream` option
 * (a factory of a Duplex, once per connection). Its incoming bytes go through a MessageGuard
 * before the driver's parser: a message over the cap is never passed on, and the connection is
 * aborted (its backend cancelled, the socket destroyed, so every query on it fails with why).
 *
 * node-postgres reads with `stream.on('data')` only, and every 'data' event a Readable gives,
 * whether pushed at once or flowed later from its buffer, goes through `emit`: that is where the
 * guard stands. It is also where the driver's parser and the exchanges' handlers run, inside
 * the socket's read callback; an exception there would escape to the process and end it (pg-
 * protocol's "Cannot create a string longer than …" did). Here it aborts this connection only:
 * the parser's state is unknowable after a throw, but it is this connection's alone, and its
 * queries fail with the exception.
 */
export class GuardedSocket extends net.Socket {
  readonly guard: MessageGuard;
  /** Why the connection was aborted here, once it was. */
  abortReason: Error | null = null;

  constructor(
    messageCap: number,
    /** Told of each exception contained, with the connection it ended. */
    private readonly onContained: (error: unknown) => void,
  ) {
    super();
    this.guard = new MessageGuard(messageCap);
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'data') return this.contain(() => super.emit(event, ...args));
    // After an abort the rest of the stream is the refused message's, or whatever followed it.
    if (this.abortReason) return false;
    const chunk = args[0];
    if (!Buffer.isBuffer(chunk)) {
      this.abort(new Error('A workspace session socket must be read as bytes'));
      return false;
    }
    const passes = this.guard.feed(chunk);
    let listened = false;
    if (passes > 0) {
      const part = passes === chunk.length ? chunk : chunk.subarray(0, passes);
      listened = this.contain(() => super.emit('data', part));
    }
    if (this.guard.failure) this.abort(this.guard.failure);
    return listened;
  }

  /** Cancels the backend's statement and destroys the socket, failing its queries with `reason`. */
  abort(reason: Error) {
    if (this.abortReason) return;
    this.abortReason = reason;
    this.sendCancel();
    this.destroy(reason);
  }

  private contain(emit: () => boolean): boolean {
    try {
      return emit();
    } catch (error) {
      this.onContained(error);
      this.abort(error instanceof Error ? error : new Error(String(error)));
      return true;
    }
  }

  /**
   * A CancelRequest on a connection of its own, as libpq's PQcancel sends it. A backend that is
   * sending stops once the socket is gone (its next write fails), but one still computing (a
   * big value's next row, a slow join) would go on until statement_timeout: the cancel stops
   * it. Best effort: it needs the key from BackendKeyData and a TCP peer to reach.
   */
  private sendCancel() {
    const key = this.guard.backendKey;
    const host = this.remoteAddress;
    const port = this.remotePort;
    if (!key || !host || !port) return;
    const request = Buffer.alloc(12 + key.secret.length);
    request.writeInt32BE(request.length, 0);
    request.writeInt32BE(CANCEL_REQUEST_CODE, 4);
    request.writeInt32BE(key.processId, 8);
    key.secret.copy(request, 12);
    const cancel = net.connect({ host, port });
    cancel.setTimeout(CANCEL_TIMEOUT_MS, () => cancel.destroy());
    // Nothing to do about a failed cancel: the backend ends at its next write regardless.
    cancel.on('error', () => {});
    cancel.end(request);
  }
}

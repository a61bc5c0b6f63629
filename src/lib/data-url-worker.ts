import { fetchAsDataUrl, type DataUrlAnswer, type DataUrlTarget } from './data-url-fetch';

/**
 * Runs `fetchAsDataUrl` off the page's main thread. Messages in: `{ id, target }` to start,
 * `{ id, abort: true }` to abort; out: `{ id, answer }` or `{ id, aborted: true }`.
 */

export type DataUrlRequestMessage =
  { id: number; target: DataUrlTarget } | { id: number; abort: true };

export type DataUrlReplyMessage =
  { id: number; answer: DataUrlAnswer } | { id: number; aborted: true };

/** What this file uses of a dedicated worker's scope (the app compiles against the DOM's types). */
const scope = globalThis as unknown as {
  postMessage(message: DataUrlReplyMessage): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<DataUrlRequestMessage>) => void,
  ): void;
};

const running = new Map<number, AbortController>();

scope.addEventListener('message', (event) => {
  const message = event.data;
  if ('abort' in message) {
    running.get(message.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  const reply = (data: DataUrlReplyMessage) => scope.postMessage(data);
  fetchAsDataUrl(message.target, controller.signal)
    .then(
      (answer) => reply({ id: message.id, answer }),
      () => reply({ id: message.id, aborted: true }),
    )
    .finally(() => running.delete(message.id));
});

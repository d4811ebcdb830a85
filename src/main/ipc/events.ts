/**
 * Main's outgoing events. Services publish here; the Electron binding forwards
 * to the app window and the harness to its server-sent-event stream.
 */
import type { EventName, Events } from '../../shared/ipc/contract';
import type { EventPayload } from '../../shared/ipc/define';

type Listener = (event: EventName, payload: unknown) => void;

export class EventBus {
  readonly #listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<Events[E]>): void {
    for (const listener of this.#listeners) listener(event, payload);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

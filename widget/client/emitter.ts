/** A small typed event emitter: `on` returns the function that unsubscribes. */
export class Emitter<Events extends object> {
  private readonly listeners_ = new Map<keyof Events, Set<(detail: never) => void>>();

  on<K extends keyof Events>(type: K, listener: (detail: Events[K]) => void): () => void {
    let set = this.listeners_.get(type);
    if (!set) this.listeners_.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  protected emit<K extends keyof Events>(type: K, detail: Events[K]): void {
    for (const listener of this.listeners_.get(type) ?? []) (listener as (detail: Events[K]) => void)(detail);
  }
}

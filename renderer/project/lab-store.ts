/**
 * What every lab's store shares: plain, serializable state changed only through named actions,
 * each announced as a `changed` event whose detail names the change in the past tense. `replace`
 * swaps in a whole state at once (undo, redo, opening a project) and announces `stateReplaced`,
 * on which a lab redraws everything.
 */
export const STATE_REPLACED = 'stateReplaced';

export class LabStore<S extends object, C extends string> extends EventTarget {
  #state: S;

  constructor(initial: S) {
    super();
    this.#state = initial;
  }

  get state(): S {
    return this.#state;
  }

  protected set(patch: Partial<S>, change: C): void {
    this.#state = { ...this.#state, ...patch };
    this.dispatchEvent(new CustomEvent<C>('changed', { detail: change }));
  }

  /** Swaps in a whole state (already validated) and announces `stateReplaced`. */
  replace(state: S): void {
    this.#state = state;
    this.dispatchEvent(new CustomEvent<C | typeof STATE_REPLACED>('changed', { detail: STATE_REPLACED }));
  }

  /** Listens to this store's changes; returns the function that stops listening. */
  subscribe(listener: (change: C | typeof STATE_REPLACED) => void): () => void {
    const handler = (event: Event) => listener((event as CustomEvent<C | typeof STATE_REPLACED>).detail);
    this.addEventListener('changed', handler);
    return () => this.removeEventListener('changed', handler);
  }
}

/**
 * What every lab's store shares: plain, serializable state changed only through named actions,
 * each announced as a `changed` event whose detail names the change in the past tense. `replace`
 * swaps in a whole state at once (undo, redo, opening a project) and announces `stateReplaced`,
 * on which a lab redraws everything.
 *
 * The state's type and its rules are the project file's schema (src/project/schema.ts): every
 * action is checked against it before it lands. A refused change throws LabStateError naming the
 * field, announces `refused`, and leaves the previous state as it was — so the store never holds
 * a state that saving, the autosave or a reload would refuse.
 */
import { assertLabState, checkLabFields, LabStateError, type LabStateId } from '../../src/project/index.js';

export const STATE_REPLACED = 'stateReplaced';

export class LabStore<S extends object, C extends string> extends EventTarget {
  #state: S;

  constructor(
    readonly lab: LabStateId,
    initial: S,
  ) {
    super();
    assertLabState(lab, initial);
    this.#state = initial;
  }

  get state(): S {
    return this.#state;
  }

  /** Applies `patch` if the result is a valid state (only the changed fields are checked again). */
  protected set(patch: Partial<S>, change: C): void {
    const next = { ...this.#state, ...patch };
    this.#check(next, this.#state);
    this.#state = next;
    this.dispatchEvent(new CustomEvent<C>('changed', { detail: change }));
  }

  /**
   * Refuses (LabStateError, `refused`) any of `fields` that the schema would not accept on its own,
   * before an action computes anything from them (an example update from a NaN noise, say).
   */
  protected checkFields(fields: Partial<S>): void {
    const issue = checkLabFields(this.lab, fields);
    if (!issue) return;
    const error = new LabStateError(this.lab, issue.path, issue.message);
    this.dispatchEvent(new CustomEvent<LabStateError>('refused', { detail: error }));
    throw error;
  }

  /** Swaps in a whole state (checked in full) and announces `stateReplaced`. */
  replace(state: S): void {
    this.#check(state);
    this.#state = state;
    this.dispatchEvent(new CustomEvent<C | typeof STATE_REPLACED>('changed', { detail: STATE_REPLACED }));
  }

  #check(state: S, previous?: S): void {
    try {
      assertLabState(this.lab, state, previous);
    } catch (error) {
      if (error instanceof LabStateError) this.dispatchEvent(new CustomEvent<LabStateError>('refused', { detail: error }));
      throw error;
    }
  }

  /** Listens to this store's changes; returns the function that stops listening. */
  subscribe(listener: (change: C | typeof STATE_REPLACED) => void): () => void {
    const handler = (event: Event) => listener((event as CustomEvent<C | typeof STATE_REPLACED>).detail);
    this.addEventListener('changed', handler);
    return () => this.removeEventListener('changed', handler);
  }

  /** Listens to refused changes (to show them); returns the function that stops listening. */
  onRefused(listener: (error: LabStateError) => void): () => void {
    const handler = (event: Event) => listener((event as CustomEvent<LabStateError>).detail);
    this.addEventListener('refused', handler);
    return () => this.removeEventListener('refused', handler);
  }
}

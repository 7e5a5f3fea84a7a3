/**
 * Text typed into a field but not applied yet (no Enter): not state, so not in the project, but
 * typed all the same. The autosave keeps the current lab's drafts, so a crash loses nothing
 * typed: after the reload each field shows its text again, still waiting to be applied.
 *
 * Fields are found by their `data-testid` (stable, and unique within a lab; a repeated id is
 * told apart by its order), through nested shadow roots.
 */

/** Field id → text, for the text fields of one lab element. */
export type Drafts = Record<string, string>;

const MAX_DRAFT_CHARS = 20_000;

function* textFields(root: ParentNode): Generator<HTMLInputElement | HTMLTextAreaElement> {
  for (const element of root.querySelectorAll('*')) {
    if ((element instanceof HTMLInputElement && (element.type === 'text' || element.type === 'search')) || element instanceof HTMLTextAreaElement) {
      yield element;
    }
    if (element.shadowRoot) yield* textFields(element.shadowRoot);
  }
}

function keyed(root: ParentNode): Map<string, HTMLInputElement | HTMLTextAreaElement> {
  const fields = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const seen = new Map<string, number>();
  for (const field of textFields(root)) {
    const id = field.dataset.testid;
    if (!id) continue;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    fields.set(n === 0 ? id : `${id}#${n}`, field);
  }
  return fields;
}

/** The text of every identified text field under `root` (a lab element's shadow root). */
export function captureDrafts(root: ParentNode): Drafts {
  const drafts: Drafts = {};
  for (const [id, field] of keyed(root)) if (field.value.length <= MAX_DRAFT_CHARS) drafts[id] = field.value;
  return drafts;
}

/** Puts the texts back into the fields that exist, as typing would (Enter still applies them); returns how many. */
export function restoreDrafts(root: ParentNode, drafts: Drafts): number {
  let restored = 0;
  for (const [id, field] of keyed(root)) {
    const text = drafts[id];
    if (typeof text !== 'string' || text === field.value) continue;
    field.value = text;
    // As if typed: the field's component updates its own copy of the text (and may check it).
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    restored++;
  }
  return restored;
}

// Preloaded (node --require) into Electron's installer by scripts/ensure-electron.mjs. Node's fetch
// reports every network failure as "fetch failed" and keeps the reason (no such host, connection
// refused, a proxy's certificate) in error.cause, which the installer does not print; this puts the
// address and the reason into the message. Nothing else about the download changes.
'use strict';

const originalFetch = globalThis.fetch;

globalThis.fetch = async function fetchWithReason(input, init) {
  try {
    return await originalFetch(input, init);
  } catch (error) {
    const cause = error && error.cause;
    if (!cause) throw error;
    const reason = cause.message || cause.code || String(cause);
    throw new TypeError(`${error.message} for ${input && input.url ? input.url : String(input)}: ${reason}`, { cause });
  }
};

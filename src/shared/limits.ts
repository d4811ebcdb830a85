/**
 * Size limits that must agree with each other, in one place: anything the app
 * writes (a workspace export) it must be able to read back (import), through
 * every transport (Electron IPC, the harness bridge). Each limit is derived
 * from the one before it, so changing one cannot contradict another.
 */

/** The largest workspace export, in characters (JSON text). Export refuses to write more; import reads up to this. */
export const MAX_EXPORT_CHARS = 16 * 1024 * 1024;

/**
 * The harness bridge's request body limit: an import carries the export as a
 * JSON string, and JSON escaping makes one character at most six bytes
 * (`\u0000`), so six times the export limit plus room for the envelope.
 */
export const MAX_IPC_BODY_BYTES = 6 * MAX_EXPORT_CHARS + 64 * 1024;

/** In words, for messages: "16 MB". */
export const MAX_EXPORT_TEXT = `${MAX_EXPORT_CHARS / 1024 / 1024} MB`;

/**
 * Main's native file chooser, answered in the harness (`--dialog-dir DIR`):
 * a request waits until someone picks one of DIR's files on the page the
 * harness serves at /__harness/dialog (a test opens it in a second tab and
 * clicks the file), so key files reach main without the renderer reading them.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { FileChooser, FileChooserRequest } from '../../src/main/ipc/handlers/directPushHandlers';

interface Pending {
  readonly id: number;
  readonly request: FileChooserRequest;
  readonly answer: (file: string | undefined) => void;
}

export class HarnessDialog {
  readonly #pending: Pending[] = [];
  #next = 1;

  constructor(readonly dir: string) {}

  choose: FileChooser = (request) =>
    new Promise((resolve) => {
      this.#pending.push({ id: this.#next++, request, answer: resolve });
    });

  files(): string[] {
    return readdirSync(this.dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  }

  /** Answers request `id` with a file of DIR (by name), or cancels it; false when either is unknown. */
  pick(id: number, fileName: string | undefined): boolean {
    const index = this.#pending.findIndex((p) => p.id === id);
    if (index < 0) return false;
    if (fileName !== undefined && !this.files().includes(fileName)) return false;
    const [pending] = this.#pending.splice(index, 1);
    pending?.answer(fileName === undefined ? undefined : path.join(this.dir, fileName));
    return true;
  }

  /** Cancels what is still open (the harness is closing). */
  cancelAll(): void {
    for (const pending of this.#pending.splice(0)) pending.answer(undefined);
  }

  /** The chooser page: the oldest open request and DIR's files as buttons; reloads itself while none is open. */
  page(): string {
    const pending = this.#pending[0];
    const body = pending
      ? `<h1>${escape(pending.request.title)}</h1>
<form method="post" action="/__harness/dialog/pick">
<input type="hidden" name="request" value="${pending.id}">
<ul>${this.files()
          .map((name) => `<li><button type="submit" name="file" value="${escape(name)}">${escape(name)}</button></li>`)
          .join('')}</ul>
<button type="submit" name="cancel" value="1">Cancel</button>
</form>`
      : '<h1>No file chooser is open</h1><p>This page reloads until the app asks for a file.</p>';
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harness file chooser</title>${
      pending ? '' : '<meta http-equiv="refresh" content="1">'
    }</head><body>${body}</body></html>`;
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

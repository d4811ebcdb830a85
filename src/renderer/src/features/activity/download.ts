/** Saves text as a file through a temporary `<a download>` (no Node in the renderer, no save dialog needed). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next tick: Chromium starts the download from the click, after which the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// Placeholder: being built.
export function WorkspaceMenu() {
  return null;
}

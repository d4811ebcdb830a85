// Placeholder: being built.
export function AdminView() {
  return null;
}

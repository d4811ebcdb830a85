// Placeholder: being built.
export function UserDetail() {
  return null;
}

// Placeholder: being built.
export function UserDirectory() {
  return null;
}

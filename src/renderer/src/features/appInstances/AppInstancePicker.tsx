// Placeholder: being built.
export function AppInstancePicker() {
  return null;
}

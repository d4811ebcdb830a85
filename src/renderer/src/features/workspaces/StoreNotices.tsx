// Placeholder: being built.
export function StoreNotices() {
  return null;
}

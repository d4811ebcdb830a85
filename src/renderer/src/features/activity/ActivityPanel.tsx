// Placeholder: being built.
export function ActivityPanel(_props: { readonly open: boolean; readonly onToggle: () => void }) {
  return null;
}
